/** The bundled list of common passwords; compared case-sensitively (RESOLUTIONS.md 27). */
export interface CommonPasswordList {
  contains(password: string): boolean;
}
