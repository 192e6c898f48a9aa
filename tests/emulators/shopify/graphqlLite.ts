/**
 * Just enough GraphQL to read the documents connectors send: the operation's root fields with
 * their aliases and arguments. Arguments may be variables, numbers, strings, booleans or enum
 * words; selection sets are skipped (the emulator answers a fixed, complete shape per field).
 * Anything else is refused with a GraphQL error, so a connector cannot drift into syntax the
 * emulator silently misreads.
 */
export type ArgValue = { variable: string } | { literal: string | number | boolean };

export interface RootField {
  alias: string;
  name: string;
  args: Record<string, ArgValue>;
}

export interface ParsedOperation {
  type: 'query' | 'mutation';
  fields: RootField[];
}

export function parseOperation(document: string): ParsedOperation {
  const text = document.replace(/#[^\n]*/g, '');
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && /[\s,]/.test(text[i] as string)) i++;
  };
  const name = (): string => {
    skipSpace();
    const match = /^[_A-Za-z][_0-9A-Za-z]*/.exec(text.slice(i));
    if (!match) throw new SyntaxError(`Expected a name at position ${i}`);
    i += match[0].length;
    return match[0];
  };
  const skipBlock = (open: string, close: string): void => {
    let depth = 0;
    do {
      const c = text[i];
      if (c === undefined) throw new SyntaxError(`Unterminated ${open}`);
      if (c === '"') {
        i++;
        while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      } else if (c === open) depth++;
      else if (c === close) depth--;
      i++;
    } while (depth > 0);
  };

  skipSpace();
  let type: 'query' | 'mutation' = 'query';
  if (text[i] !== '{') {
    const keyword = name();
    if (keyword !== 'query' && keyword !== 'mutation') throw new SyntaxError(`Unsupported operation type ${keyword}`);
    type = keyword;
    skipSpace();
    if (text[i] !== '(' && text[i] !== '{') name();
    skipSpace();
    if (text[i] === '(') skipBlock('(', ')');
    skipSpace();
  }
  if (text[i] !== '{') throw new SyntaxError(`Expected { at position ${i}`);
  i++;
  const fields: RootField[] = [];
  for (;;) {
    skipSpace();
    if (text[i] === '}') break;
    const alias = name();
    let fieldName = alias;
    skipSpace();
    if (text[i] === ':') {
      i++;
      fieldName = name();
    }
    const args: Record<string, ArgValue> = {};
    skipSpace();
    if (text[i] === '(') {
      i++;
      for (;;) {
        skipSpace();
        if (text[i] === ')') {
          i++;
          break;
        }
        const key = name();
        skipSpace();
        if (text[i] !== ':') throw new SyntaxError(`Expected : after argument ${key}`);
        i++;
        skipSpace();
        args[key] = value();
      }
    }
    skipSpace();
    if (text[i] === '{') skipBlock('{', '}');
    fields.push({ alias, name: fieldName, args });
  }
  return { type, fields };

  function value(): ArgValue {
    const c = text[i];
    if (c === '$') {
      i++;
      return { variable: name() };
    }
    if (c === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      return { literal: JSON.parse(text.slice(start, i)) as string };
    }
    const number = /^-?\d+(\.\d+)?/.exec(text.slice(i));
    if (number) {
      i += number[0].length;
      return { literal: Number(number[0]) };
    }
    if (c === '{' || c === '[') throw new SyntaxError('Inline object and list arguments are not supported by the emulator; pass a variable.');
    const word = name();
    return { literal: word === 'true' ? true : word === 'false' ? false : word };
  }
}

export function argValue(arg: ArgValue | undefined, variables: Record<string, unknown>): unknown {
  if (!arg) return undefined;
  return 'variable' in arg ? variables[arg.variable] : arg.literal;
}
