// html-validate's rules for the built site (`make html-check` validates every page of public/).
// It checks public/ as it ships, minified by Hugo (tdewolff's minifier, which keeps end tags and
// the document's html/head/body but drops attribute quotes where HTML allows it and writes the
// doctype in lower case) rather than a second, unminified build that nobody is served. Two rules
// object to those choices and nothing else, so they are off; every other rule sees what a
// browser gets.
export default {
  root: true,
  extends: ['html-validate:recommended'],
  rules: {
    // Unquoted attribute values (id=main, class=lab) are valid HTML; the minifier leaves them so.
    'attr-quotes': 'off',
    // <!doctype html> in lower case is as valid as upper case; the minifier writes it so.
    'doctype-style': 'off',
    // Naming a list is allowed by ARIA (its role takes a name from the author), and the names say
    // which list a person is in: the player's "Transcript", the search dialog's "Results", the
    // scheduler puzzle's "Steps taken"; the tests find the lists by them. What may not be named
    // at all (a <div> without a role) still fails.
    'aria-label-misuse': ['error', { allowAnyNamable: true }],
    // A demo's "Models to run" are checkboxes of one name, as an HTML form sends a set of values;
    // any other control whose name repeats still fails.
    'form-dup-name': ['error', { shared: ['radio', 'button', 'reset', 'submit', 'checkbox'] }],
    // From the html-validate:document preset: an aria-labelledby, aria-describedby or label's
    // `for` that names no element on the page. (The preset's heading-level would also object to
    // the outline's heading preceding the page's h1, and its require-sri to the demos'
    // modulepreload links, which the pthread pool work is changing.)
    'no-missing-references': 'error',
  },
};
