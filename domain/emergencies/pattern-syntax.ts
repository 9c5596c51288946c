/**
 * A small parser for the JavaScript regular-expression syntax of `u` mode, just deep enough for the safety
 * checks of DOMAIN.md §7.3.2 (pattern-safety.ts). Run it only on a source that already compiled with flags `iu`:
 * `u` mode is strict (no Annex B leniency), so every construct below is unambiguous and nothing else can occur.
 */
export interface Quantifier {
  readonly min: number;
  /** `Infinity` for `*`, `+` and `{n,}`. */
  readonly max: number;
}

export type Atom =
  /** One literal character (possibly escaped); `source` matches exactly that character. */
  | { readonly kind: 'char'; readonly source: string }
  /** One character out of a set: `[...]`, `.`, `\d`, `\w`, `\s`, `\p{...}` and their negations. */
  | { readonly kind: 'set'; readonly source: string }
  | { readonly kind: 'group'; readonly body: Alternation }
  | { readonly kind: 'lookaround'; readonly body: Alternation }
  | { readonly kind: 'anchor' }
  | { readonly kind: 'wordBoundary' }
  | { readonly kind: 'backReference' };

export interface Term {
  readonly atom: Atom;
  readonly quantifier: Quantifier | null;
}

export type Sequence = readonly Term[];

export interface Alternation {
  readonly alternatives: readonly Sequence[];
}

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);

class Parser {
  private i = 0;

  constructor(private readonly chars: readonly string[]) {}

  parse(): Alternation {
    const root = this.alternation();
    if (this.i < this.chars.length) throw new SyntaxError(`unexpected ${this.chars[this.i]} at ${this.i}`);
    return root;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.i + offset];
  }

  private take(count = 1): string {
    const taken = this.chars.slice(this.i, this.i + count).join('');
    this.i += count;
    return taken;
  }

  private alternation(): Alternation {
    const alternatives: Sequence[] = [this.sequence()];
    while (this.peek() === '|') {
      this.i += 1;
      alternatives.push(this.sequence());
    }
    return { alternatives };
  }

  private sequence(): Sequence {
    const terms: Term[] = [];
    while (this.i < this.chars.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      terms.push({ atom, quantifier: this.quantifier() });
    }
    return terms;
  }

  private atom(): Atom {
    const c = this.peek();
    if (c === '(') return this.group();
    if (c === '[') return { kind: 'set', source: this.characterClass() };
    if (c === '.') return { kind: 'set', source: this.take() };
    if (c === '^' || c === '$') {
      this.i += 1;
      return { kind: 'anchor' };
    }
    if (c === '\\') return this.escape();
    return { kind: 'char', source: this.take() };
  }

  private group(): Atom {
    this.i += 1;
    let lookaround = false;
    if (this.peek() === '?') {
      const next = this.peek(1);
      if (next === ':') this.i += 2;
      else if (next === '=' || next === '!') {
        this.i += 2;
        lookaround = true;
      } else if (next === '<' && (this.peek(2) === '=' || this.peek(2) === '!')) {
        this.i += 3;
        lookaround = true;
      } else if (next === '<') {
        while (this.peek() !== '>' && this.i < this.chars.length) this.i += 1;
        this.i += 1;
      }
    }
    const body = this.alternation();
    if (this.peek() !== ')') throw new SyntaxError('unterminated group');
    this.i += 1;
    return lookaround ? { kind: 'lookaround', body } : { kind: 'group', body };
  }

  private characterClass(): string {
    const start = this.i;
    this.i += 1;
    if (this.peek() === '^') this.i += 1;
    while (this.i < this.chars.length && this.peek() !== ']') this.i += this.peek() === '\\' ? 2 : 1;
    if (this.peek() !== ']') throw new SyntaxError('unterminated class');
    this.i += 1;
    return this.chars.slice(start, this.i).join('');
  }

  private escape(): Atom {
    const start = this.i;
    this.i += 1;
    const c = this.take();
    if (c === 'b' || c === 'B') return { kind: 'wordBoundary' };
    if (/[1-9]/.test(c)) {
      while (/[0-9]/.test(this.peek() ?? '')) this.i += 1;
      return { kind: 'backReference' };
    }
    if (c === 'k') {
      this.skipBraced('<', '>');
      return { kind: 'backReference' };
    }
    if (CLASS_ESCAPES.has(c)) return { kind: 'set', source: `\\${c}` };
    if (c === 'p' || c === 'P') {
      this.skipBraced('{', '}');
      return { kind: 'set', source: this.chars.slice(start, this.i).join('') };
    }
    if (c === 'u') {
      if (this.peek() === '{') this.skipBraced('{', '}');
      else this.i += 4;
    } else if (c === 'x') this.i += 2;
    else if (c === 'c') this.i += 1;
    return { kind: 'char', source: this.chars.slice(start, this.i).join('') };
  }

  private skipBraced(open: string, close: string): void {
    if (this.peek() !== open) return;
    while (this.i < this.chars.length && this.peek() !== close) this.i += 1;
    this.i += 1;
  }

  private quantifier(): Quantifier | null {
    const c = this.peek();
    let quantifier: Quantifier | null = null;
    if (c === '*') quantifier = { min: 0, max: Infinity };
    else if (c === '+') quantifier = { min: 1, max: Infinity };
    else if (c === '?') quantifier = { min: 0, max: 1 };
    if (quantifier !== null) this.i += 1;
    else if (c === '{') quantifier = this.braces();
    if (quantifier !== null && this.peek() === '?') this.i += 1;
    return quantifier;
  }

  private braces(): Quantifier | null {
    const rest = this.chars.slice(this.i, this.i + 40).join('');
    const match = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (match === null) return null;
    this.i += Array.from(match[0]).length;
    const min = Number(match[1]);
    if (match[2] === undefined) return { min, max: min };
    return { min, max: match[3] === '' ? Infinity : Number(match[3]) };
  }
}

/** Parses a source that compiles with flags `iu`; throws `SyntaxError` on anything else. */
export const parsePattern = (source: string): Alternation => new Parser(Array.from(source)).parse();
