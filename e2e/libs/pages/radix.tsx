import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import * as Select from '@radix-ui/react-select';
import { COST_CENTERS, CURRENCIES, say } from './data';

const content = { background: 'white', border: '1px solid #999', padding: 4 };
const item = { padding: '4px 12px', cursor: 'default' };

function Choice({ id, label, name, values }: { id: string; label: string; name: string; values: string[] }) {
  const [value, setValue] = useState<string>();
  return (
    <p>
      <label htmlFor={id}>{label}</label>{' '}
      <Select.Root
        name={name}
        value={value}
        onValueChange={(v) => {
          setValue(v);
          say(`${label}: ${v}`);
        }}
      >
        <Select.Trigger id={id} style={{ minWidth: 160 }}>
          <Select.Value placeholder="Choose..." />
          <Select.Icon />
        </Select.Trigger>
        <Select.Portal>
          <Select.Content position="popper" style={content}>
            <Select.Viewport>
              {values.map((v) => (
                <Select.Item key={v} value={v} style={item}>
                  <Select.ItemText>{v}</Select.ItemText>
                </Select.Item>
              ))}
            </Select.Viewport>
          </Select.Content>
        </Select.Portal>
      </Select.Root>
    </p>
  );
}

function App() {
  return (
    <main>
      <h1>Expense report</h1>
      <form
        aria-label="Expense"
        onSubmit={(e) => {
          e.preventDefault();
          say('Saved');
        }}
      >
        <Choice id="cost-center" label="Cost center" name="costCenter" values={COST_CENTERS} />
        <Choice id="currency" label="Currency" name="currency" values={CURRENCIES} />
        <button type="submit">Save</button>
      </form>
      <p id="status" role="status"></p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
