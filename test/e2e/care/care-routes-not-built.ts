/**
 * Care routes of the contract that are NOT BUILT YET, so the matrix has no row for them. When a route lands,
 * delete its line here and add its row to CARE_MATRIX (care-route-matrix.ts): the matrix suite fails while a
 * route listed here answers anything but the unmounted 404, and while a care route is in neither list.
 *
 * Every care route (CARE_RESOURCES) is mounted now. The routes still unbuilt (payments, Stripe, telephony
 * webhooks) are not care resources, so they never belonged here; a care route added to the contract before its
 * router lands goes on this list.
 */
export const NOT_YET_BUILT: readonly string[] = [];
