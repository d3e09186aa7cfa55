// The page's code editor: CodeMirror 6 set up for a learner's Rust, behind
// the few calls the page makes (web-ui/src/code_editor.rs is the other
// side). Bundled by build.mjs into one ES module, loaded after the page's
// first render; until then, and if it never loads, the page's textarea is
// the editor.
//
// Invariants:
// - Positions the page gives are in characters (Rust's `chars()`), the
//   editor's in UTF-16 units: `toPos` converts, and clamps to the text.
// - Only the learner's own edits (typing, undo, paste) reach `onChange`;
//   text the page sets is marked `fromPage` and is not echoed back.

import { Annotation, EditorState, RangeSet, StateEffect, StateField } from '@codemirror/state';
import {
  Decoration, EditorView, GutterMarker, drawSelection, gutter, highlightActiveLine,
  highlightSpecialChars, keymap, lineNumbers,
} from '@codemirror/view';
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { rust } from '@codemirror/lang-rust';
import { classHighlighter } from '@lezer/highlight';

/** Marks a change the page made, so it is not reported as typing. */
const fromPage = Annotation.define();

/** The line of the current call (from 1), or null. */
const setCurrentLine = StateEffect.define();

/** Whether the text has an error (the editable element's `aria-invalid`). */
const setInvalid = StateEffect.define();
const invalid = StateField.define({
  create: () => false,
  update: (value, tr) => tr.effects.reduce((v, e) => (e.is(setInvalid) ? e.value : v), value),
  provide: (f) => EditorView.contentAttributes.from(f, (bad) => (bad ? { 'aria-invalid': 'true' } : {})),
});

class CallMarker extends GutterMarker {
  toDOM() {
    return document.createTextNode('▶');
  }
}
const callMarker = new CallMarker();

/** The current call's line: a line class and a ▶ in a gutter of its own,
 * both following the text as it is edited. */
const currentLine = StateField.define({
  create: () => ({ lines: Decoration.none, marks: RangeSet.empty }),
  update(value, tr) {
    let { lines, marks } = value;
    lines = lines.map(tr.changes);
    marks = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setCurrentLine)) continue;
      const n = e.value;
      if (n == null || n < 1 || n > tr.state.doc.lines) {
        lines = Decoration.none;
        marks = RangeSet.empty;
      } else {
        const from = tr.state.doc.line(n).from;
        lines = Decoration.set([Decoration.line({ class: 'cm-current-call' }).range(from)]);
        marks = RangeSet.of([callMarker.range(from)]);
      }
    }
    return { lines, marks };
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.lines),
});

const callGutter = gutter({
  class: 'cm-call-gutter',
  markers: (view) => view.state.field(currentLine).marks,
  initialSpacer: () => callMarker,
});

/** The UTF-16 position of the `chars`-th character of `doc`, clamped. */
function toPos(doc, chars) {
  const text = doc.toString();
  let pos = 0;
  for (let n = 0; n < chars && pos < text.length; n++) {
    pos += text.codePointAt(pos) > 0xffff ? 2 : 1;
  }
  return Math.min(pos, text.length);
}

/**
 * Mounts an editor of `text` in `parent`. `onChange(text)` hears each of
 * the learner's edits. `options`: `id` and `label` for the editable
 * element (the one tests and screen readers find).
 */
export function mount(parent, text, onChange, options) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        callGutter,
        lintGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentUnit.of('    '),
        EditorState.tabSize.of(4),
        indentOnInput(),
        bracketMatching(),
        rust(),
        syntaxHighlighting(classHighlighter),
        currentLine,
        invalid,
        // Tab indents; Escape then Tab leaves the editor (CodeMirror's
        // tab focus mode), so keyboard users are never trapped.
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({
          id: options.id,
          'aria-label': options.label,
          'aria-describedby': `${options.id}-keys`,
          spellcheck: 'false',
          autocorrect: 'off',
          autocapitalize: 'off',
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromPage))) {
            onChange(update.state.doc.toString());
          }
        }),
      ],
    }),
  });
  return {
    /** The text in the editor. */
    text: () => view.state.doc.toString(),
    /** Replaces the text (the learner can undo it). */
    set(next) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: next },
        annotations: fromPage.of(true),
      });
    },
    /** Underlines characters `from..to` with `message` on hover and a mark
     * in the gutter; `message` null clears it. */
    setError(from, to, message) {
      const { state } = view;
      const diagnostics = message == null ? [] : [{
        from: toPos(state.doc, from),
        to: Math.max(toPos(state.doc, to), toPos(state.doc, from)),
        severity: 'error',
        message,
      }];
      view.dispatch(setDiagnostics(state, diagnostics), { effects: setInvalid.of(message != null) });
    },
    /** Marks line `n` (from 1) as the current call's, or none for null. */
    setCurrentLine(n) {
      view.dispatch({ effects: setCurrentLine.of(n ?? null) });
    },
    /** Takes the editor out of the page. */
    destroy: () => view.destroy(),
  };
}

/** The text of the editor whose editable element is `element` (for tests). */
export function textOf(element) {
  return EditorView.findFromDOM(element)?.state.doc.toString() ?? null;
}
