// The code editor: CodeMirror 6 with a few of its extensions (line numbers, highlighting,
// indentation, bracket matching, history) and the Python language, in the colours of the page's
// highlighted code (course.css: --code-*), so that both themes keep their contrast. Tab indents;
// Escape then Tab leaves the editor (CodeMirror's convention with indentWithTab), which the page
// says in a hint.
//
// It lives in a shadow root. CodeMirror styles itself with rules it adds at run time: in a
// document, as a <style> element, which the site's Content-Security-Policy (style-src 'self', no
// inline style) refuses; in a shadow root, as a constructed stylesheet (adoptedStyleSheets), which
// no policy governs. Custom properties inherit into it, so the theme below is the page's colours.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { pythonLanguage } from '@codemirror/lang-python';
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { EditorState, Prec } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

const theme = EditorView.theme({
  '&': { color: 'var(--ink)', backgroundColor: 'var(--paper)', fontSize: '0.85rem', maxHeight: '32rem' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.45' },
  '.cm-content': { caretColor: 'var(--ink)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--ink)' },
  '.cm-gutters': { backgroundColor: 'var(--wash)', color: 'var(--muted)', borderRight: '1px solid var(--rule)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--accent-wash)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    {
      backgroundColor: 'var(--code-selection)',
    },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': {
    backgroundColor: 'var(--right-wash)',
    outline: '1px solid var(--right)',
  },
  // Lezer's classes (classHighlighter), as .chroma colours the same code.
  '.tok-comment': { color: 'var(--code-comment)', fontStyle: 'italic' },
  '.tok-keyword, .tok-operatorKeyword, .tok-meta': { color: 'var(--code-keyword)' },
  '.tok-string, .tok-string2': { color: 'var(--code-string)' },
  '.tok-number, .tok-bool, .tok-atom, .tok-typeName': { color: 'var(--code-number)' },
  '.tok-variableName.tok-definition, .tok-className, .tok-namespace': { color: 'var(--code-name)' },
  '.tok-invalid': { color: 'var(--code-error)' },
});

// Typing over a selection: the editor makes the change itself. Left to the browser, Chrome keeps the
// look of the highlighted text it replaces by wrapping the new text in a <span style="…">, which
// the site's policy refuses (style-src-attr) with an error in the console, and the editor then
// redraws anyway.
const typingOverSelection = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || event.isComposing || !event.data || view.state.selection.main.empty)
      return false;
    event.preventDefault();
    view.dispatch(view.state.replaceSelection(event.data), { scrollIntoView: true, userEvent: 'input.type' });
    return true;
  },
});

// `doc`: the text to start with; `label`: the editor's accessible name; `onRun()`: Ctrl/Cmd+Enter;
// `onChange(text)`: after each edit.
export function createEditor({ parent, doc, label, onRun, onChange }) {
  const root = parent.attachShadow({ mode: 'open' });
  return new EditorView({
    parent: root,
    root,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        indentUnit.of('    '),
        bracketMatching(),
        highlightActiveLine(),
        pythonLanguage,
        syntaxHighlighting(classHighlighter),
        theme,
        // Before the default keys: Mod-Enter would otherwise insert a blank line.
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                onRun();
                return true;
              },
            },
          ]),
        ),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        // tabindex 0: the editable content is in the tab order anyway; said, axe-core counts it
        // as the keyboard's way into the scrolled region around it.
        EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
        typingOverSelection,
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
}

// Replaces the whole text as one edit, so that one undo brings the previous text back.
export function replaceText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 } });
}

// Puts the cursor at the start of line `number` (from 1), scrolls it into view and focuses.
export function goToLine(view, number) {
  const line = view.state.doc.line(Math.min(Math.max(1, number), view.state.doc.lines));
  view.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
  view.focus();
}
