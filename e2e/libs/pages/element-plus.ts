import { createApp, ref } from 'vue';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import { COST_CENTERS, EXPENSES, OFFICES, say } from './data';

// Templates are compiled in the page by Vue's full build (no Vue plugin in the Vite build).
const App = {
  setup() {
    return {
      center: ref(''),
      office: ref<string[]>([]),
      date: ref(''),
      centers: COST_CENTERS,
      offices: OFFICES,
      rows: EXPENSES,
      defaultDate: new Date(2024, 2, 1),
      say,
    };
  },
  template: `
  <main style="padding: 16px; max-width: 720px">
    <h1>Expense report</h1>
    <el-form label-position="top" aria-label="Expense" @submit.prevent="say('Saved')">
      <el-form-item label="Cost center" for="cost-center">
        <el-select id="cost-center" v-model="center" placeholder="Choose a cost center" style="width: 240px" @change="(v) => say('Cost center: ' + v)">
          <el-option v-for="c in centers" :key="c" :label="c" :value="c" />
        </el-select>
      </el-form-item>
      <el-form-item label="Office" for="office">
        <el-cascader id="office" v-model="office" :options="offices" placeholder="Choose an office" @change="(v) => say('Office: ' + v.join('/'))" />
      </el-form-item>
      <el-form-item label="Expense date" for="expense-date">
        <el-date-picker id="expense-date" v-model="date" type="date" placeholder="Pick a day" :default-value="defaultDate" value-format="YYYY-MM-DD" @change="(v) => say('Date: ' + v)" />
      </el-form-item>
    </el-form>
    <el-table :data="rows" row-key="id" aria-label="Expenses">
      <el-table-column prop="id" label="Expense" />
      <el-table-column prop="merchant" label="Merchant" />
      <el-table-column prop="amount" label="Amount" />
      <el-table-column label="">
        <template #default="scope">
          <el-dropdown trigger="click" @command="(c) => say(c + ' ' + scope.row.id)">
            <el-button>Actions</el-button>
            <template #dropdown>
              <el-dropdown-menu>
                <el-dropdown-item command="Approved">Approve</el-dropdown-item>
                <el-dropdown-item command="Archived">Archive</el-dropdown-item>
              </el-dropdown-menu>
            </template>
          </el-dropdown>
        </template>
      </el-table-column>
    </el-table>
    <p id="status" role="status"></p>
  </main>`,
};

createApp(App).use(ElementPlus).mount('#root');
