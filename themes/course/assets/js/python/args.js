// A program's arguments as a shell splits them (POSIX sh, without expansions): words split on
// blanks; 'single quotes' keep everything; "double quotes" keep everything but \" and \\; a
// backslash outside quotes keeps the next character. An unbalanced quote refuses the line, as a
// shell waits for the rest of it, rather than guess.
export function splitArguments(text) {
  const args = [];
  let word = null; // null between words; '' is an empty quoted word ("")
  let quote = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[(i += 1)];
      else word += c;
    } else if (/\s/.test(c)) {
      if (word !== null) args.push(word);
      word = null;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[(i += 1)];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) {
    const name = quote === "'" ? 'single' : 'double';
    return {
      args: null,
      error: `The arguments have an unclosed ${name} quote (${quote}): close it, or put a backslash before it.`,
    };
  }
  if (word !== null) args.push(word);
  return { args, error: null };
}

// The arguments back as one line a shell would split into the same words.
export function joinArguments(args) {
  return args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(' ');
}
