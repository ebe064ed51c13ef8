/** What every library page shows: an expense form and a table of expenses keyed by their ids. */
export const COST_CENTERS = ['Engineering', 'Research', 'Sales', 'Marketing'];
export const CURRENCIES = ['EUR', 'USD', 'GBP'];
export const EXPENSES = [
  { id: 'EX-1001', merchant: 'Northwind Traders', amount: '120.00' },
  { id: 'EX-1002', merchant: 'Contoso Ltd', amount: '89.50' },
  { id: 'EX-1003', merchant: 'Fabrikam Inc', amount: '412.75' },
  { id: 'EX-1004', merchant: 'Tailspin Toys', amount: '15.20' },
];
export const OFFICES = [
  {
    value: 'europe',
    label: 'Europe',
    children: [
      {
        value: 'germany',
        label: 'Germany',
        children: [
          { value: 'berlin', label: 'Berlin' },
          { value: 'munich', label: 'Munich' },
        ],
      },
      { value: 'france', label: 'France', children: [{ value: 'paris', label: 'Paris' }] },
    ],
  },
  { value: 'asia', label: 'Asia', children: [{ value: 'japan', label: 'Japan', children: [{ value: 'tokyo', label: 'Tokyo' }] }] },
];

/** The page says what happened in #status, so a test can wait for the library to react. */
export function say(text: string): void {
  const el = document.getElementById('status');
  if (el) el.textContent = text;
}
