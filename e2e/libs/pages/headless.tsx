import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  Combobox,
  ComboboxInput,
  ComboboxOption,
  ComboboxOptions,
  Field,
  Label,
  Listbox,
  ListboxButton,
  ListboxOption,
  ListboxOptions,
  Menu,
  MenuButton,
  MenuItem,
  MenuItems,
} from '@headlessui/react';
import { COST_CENTERS, EXPENSES, say } from './data';

const APPROVERS = ['Ada Quist', 'Bo Lindqvist', 'Cy Okafor'];
const panel = { background: 'white', border: '1px solid #999', padding: 4, listStyle: 'none', margin: 0 };

function CostCenter() {
  const [value, setValue] = useState(COST_CENTERS[0]!);
  return (
    <Field>
      <Label>Cost center</Label>{' '}
      <Listbox
        value={value}
        onChange={(v) => {
          setValue(v);
          say(`Cost center: ${v}`);
        }}
      >
        <ListboxButton>{value}</ListboxButton>
        <ListboxOptions anchor="bottom start" style={panel}>
          {COST_CENTERS.map((c) => (
            <ListboxOption key={c} value={c} style={{ padding: 4 }}>
              {c}
            </ListboxOption>
          ))}
        </ListboxOptions>
      </Listbox>
    </Field>
  );
}

function Approver() {
  const [value, setValue] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const shown = APPROVERS.filter((a) => a.toLowerCase().includes(query.toLowerCase()));
  return (
    <Field>
      <Label>Approver</Label>{' '}
      <Combobox
        value={value}
        onChange={(v: string | null) => {
          setValue(v);
          if (v) say(`Approver: ${v}`);
        }}
        onClose={() => setQuery('')}
      >
        <ComboboxInput displayValue={(v: string | null) => v ?? ''} onChange={(e) => setQuery(e.target.value)} />
        <ComboboxOptions anchor="bottom start" style={panel}>
          {shown.map((a) => (
            <ComboboxOption key={a} value={a} style={{ padding: 4 }}>
              {a}
            </ComboboxOption>
          ))}
        </ComboboxOptions>
      </Combobox>
    </Field>
  );
}

function RowActions({ id }: { id: string }) {
  return (
    <Menu>
      <MenuButton>Actions</MenuButton>
      <MenuItems anchor="bottom end" style={panel}>
        <MenuItem>
          <button type="button" onClick={() => say(`Approved ${id}`)}>
            Approve
          </button>
        </MenuItem>
        <MenuItem>
          <button type="button" onClick={() => say(`Archived ${id}`)}>
            Archive
          </button>
        </MenuItem>
      </MenuItems>
    </Menu>
  );
}

function App() {
  return (
    <main>
      <h1>Expense report</h1>
      <CostCenter />
      <Approver />
      <table>
        <caption>Expenses</caption>
        <thead>
          <tr>
            <th>Expense</th>
            <th>Merchant</th>
            <th>Amount</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {EXPENSES.map((x) => (
            <tr key={x.id}>
              <td>{x.id}</td>
              <td>{x.merchant}</td>
              <td>{x.amount}</td>
              <td>
                <RowActions id={x.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p id="status" role="status"></p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
