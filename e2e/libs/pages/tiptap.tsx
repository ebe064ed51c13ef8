import { createRoot } from 'react-dom/client';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { say } from './data';

function App() {
  const editor = useEditor({
    extensions: [StarterKit],
    content: '',
    editorProps: { attributes: { 'aria-label': 'Notes', role: 'textbox', 'aria-multiline': 'true' } },
  });
  return (
    <main>
      <h1>Expense report</h1>
      <div role="toolbar" aria-label="Formatting">
        <button type="button" onClick={() => editor?.chain().focus().toggleBold().run()}>
          Bold
        </button>
      </div>
      <div style={{ border: '1px solid #999', minHeight: 80 }}>
        <EditorContent editor={editor} />
      </div>
      <button type="button" onClick={() => say(`Saved ${editor?.getText().length ?? 0}`)}>
        Save notes
      </button>
      <p id="status" role="status"></p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
