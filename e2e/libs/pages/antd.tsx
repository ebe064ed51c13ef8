import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Button, Cascader, DatePicker, Dropdown, Form, Input, Select, Table } from 'antd';
import dayjs from 'dayjs';
import { COST_CENTERS, EXPENSES, OFFICES, say } from './data';

function App() {
  const [center, setCenter] = useState<string>();
  return (
    <main style={{ padding: 16 }}>
      <h1>Expense report</h1>
      <Form name="expense" aria-label="Expense" layout="vertical" style={{ maxWidth: 400 }} onFinish={() => say('Saved')}>
        <Form.Item label="Cost center" name="costCenter">
          <Select
            placeholder="Choose a cost center"
            value={center}
            onChange={(v: string) => {
              setCenter(v);
              say(`Cost center: ${v}`);
            }}
            options={COST_CENTERS.map((c) => ({ value: c.toLowerCase(), label: c }))}
          />
        </Form.Item>
        <Form.Item label="Office" name="office">
          <Cascader options={OFFICES} placeholder="Choose an office" onChange={(v) => say(`Office: ${(v ?? []).join('/')}`)} />
        </Form.Item>
        <Form.Item label="Expense date" name="date">
          <DatePicker defaultPickerValue={dayjs('2024-03-01')} onChange={(d) => say(`Date: ${d ? d.format('YYYY-MM-DD') : ''}`)} />
        </Form.Item>
        <Form.Item label="Description" name="description">
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          Save
        </Button>
      </Form>
      <Table
        rowKey="id"
        pagination={false}
        dataSource={EXPENSES}
        columns={[
          { title: 'Expense', dataIndex: 'id' },
          { title: 'Merchant', dataIndex: 'merchant' },
          { title: 'Amount', dataIndex: 'amount' },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, row: { id: string }) => (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'approve', label: 'Approve' },
                    { key: 'archive', label: 'Archive' },
                  ],
                  onClick: ({ key }) => say(`${key} ${row.id}`),
                }}
              >
                <Button>Actions</Button>
              </Dropdown>
            ),
          },
        ]}
      />
      <p id="status" role="status"></p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
