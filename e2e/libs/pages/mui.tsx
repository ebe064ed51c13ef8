import { useState, type MouseEvent } from 'react';
import { createRoot } from 'react-dom/client';
import {
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  InputLabel,
  Menu,
  MenuItem,
  Select,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tabs,
  TextField,
} from '@mui/material';
import { COST_CENTERS, CURRENCIES, EXPENSES, say } from './data';

function RowActions({ id }: { id: string }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = (what?: string) => {
    setAnchor(null);
    if (what) say(`${what} ${id}`);
  };
  return (
    <>
      <Button
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : 'false'}
        onClick={(e: MouseEvent<HTMLElement>) => setAnchor(e.currentTarget)}
      >
        Actions
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => close()}>
        <MenuItem onClick={() => close('Approved')}>Approve</MenuItem>
        <MenuItem onClick={() => close('Archived')}>Archive</MenuItem>
      </Menu>
    </>
  );
}

function App() {
  const [center, setCenter] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [tab, setTab] = useState(0);
  return (
    <main>
      <h1>Expense report</h1>
      <Tabs
        value={tab}
        onChange={(_, v: number) => {
          setTab(v);
          say(`Tab ${v}`);
        }}
        aria-label="Report sections"
      >
        <Tab label="Details" />
        <Tab label="History" />
      </Tabs>
      <form
        aria-label="Expense"
        onSubmit={(e) => {
          e.preventDefault();
          say('Saved');
        }}
      >
        <FormControl sx={{ m: 1, minWidth: 200 }}>
          <InputLabel id="cost-center-label">Cost center</InputLabel>
          <Select
            labelId="cost-center-label"
            label="Cost center"
            value={center}
            onChange={(e) => {
              setCenter(e.target.value);
              say(`Cost center: ${e.target.value}`);
            }}
          >
            {COST_CENTERS.map((c) => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControl sx={{ m: 1, minWidth: 120 }}>
          <InputLabel id="currency-label">Currency</InputLabel>
          <Select
            labelId="currency-label"
            label="Currency"
            value={currency}
            onChange={(e) => {
              setCurrency(e.target.value);
              say(`Currency: ${e.target.value}`);
            }}
          >
            {CURRENCIES.map((c) => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <TextField label="Description" sx={{ m: 1 }} />
        <FormControlLabel control={<Checkbox />} label="Billable" />
        <Button type="submit" variant="contained">
          Save
        </Button>
      </form>
      <Table aria-label="Expenses">
        <TableHead>
          <TableRow>
            <TableCell>Expense</TableCell>
            <TableCell>Merchant</TableCell>
            <TableCell>Amount</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {EXPENSES.map((x) => (
            <TableRow key={x.id}>
              <TableCell>{x.id}</TableCell>
              <TableCell>{x.merchant}</TableCell>
              <TableCell>{x.amount}</TableCell>
              <TableCell>
                <RowActions id={x.id} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <p id="status" role="status"></p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
