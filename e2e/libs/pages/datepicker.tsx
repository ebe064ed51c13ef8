import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import DatePicker from 'react-datepicker';
import 'react-datepicker/dist/react-datepicker.css';
import { say } from './data';

function App() {
  const [date, setDate] = useState<Date | null>(null);
  return (
    <main>
      <h1>Expense report</h1>
      <label htmlFor="expense-date">Expense date</label>
      <DatePicker
        id="expense-date"
        selected={date}
        openToDate={new Date(2024, 2, 1)}
        onChange={(d: Date | null) => {
          setDate(d);
          say(`Date: ${d ? d.toDateString() : ''}`);
        }}
      />
      <p id="status" role="status"></p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
