/** New entity ids: 24-character lowercase hex strings (API-CONTRACT.md §3.4). */
export interface IdGenerator {
  next(): string;
}
