import { createRoot } from 'react-dom/client';
import Select from 'react-select';
import { COST_CENTERS, CURRENCIES, say } from './data';

const options = (values: string[]) => values.map((v) => ({ value: v.toLowerCase(), label: v }));

function App() {
  return (
    <main style={{ maxWidth: 400 }}>
      <h1>Expense report</h1>
      <form
        aria-label="Expense"
        onSubmit={(e) => {
          e.preventDefault();
          say('Saved');
        }}
      >
        <label id="cost-center-label" htmlFor="cost-center">
          Cost center
        </label>
        <Select
          inputId="cost-center"
          name="costCenter"
          aria-labelledby="cost-center-label"
          options={options(COST_CENTERS)}
          onChange={(o) => say(`Cost center: ${o?.label}`)}
        />
        <label id="currency-label" htmlFor="currency">
          Currency
        </label>
        <Select
          inputId="currency"
          name="currency"
          aria-labelledby="currency-label"
          options={options(CURRENCIES)}
          menuPortalTarget={document.body}
          onChange={(o) => say(`Currency: ${o?.label}`)}
        />
        <button type="submit">Save</button>
      </form>
      <p id="status" role="status"></p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
