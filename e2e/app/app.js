// A tiny single-page app: history.pushState routing, an ARIA combobox, a multi-step form.
const view = document.getElementById('view');

function render(path) {
  const name = path.replace(/^\/app\/?/, '') || 'home';
  const tpl = document.getElementById(name) || document.getElementById('home');
  view.replaceChildren(tpl.content.cloneNode(true));
  if (name === 'orders') wireOrders();
  if (name === 'new') wireNewOrder();
}

document.addEventListener('click', (e) => {
  const link = e.target.closest('a[data-route]');
  if (!link) return;
  e.preventDefault();
  history.pushState({}, '', link.getAttribute('href'));
  render(location.pathname);
});
window.addEventListener('popstate', () => render(location.pathname));

function wireOrders() {
  const input = document.getElementById('country');
  const list = document.getElementById('country-list');
  const open = (yes) => {
    list.hidden = !yes;
    input.setAttribute('aria-expanded', String(yes));
  };
  input.addEventListener('click', () => open(list.hidden));
  list.addEventListener('click', (e) => {
    const option = e.target.closest('[role=option]');
    if (!option) return;
    for (const o of list.querySelectorAll('[role=option]')) o.setAttribute('aria-selected', String(o === option));
    input.value = option.textContent;
    open(false);
  });
  for (const [i, button] of document.querySelectorAll('button.edit').entries()) {
    button.addEventListener('click', () => {
      document.getElementById('editing').textContent = `Editing row ${i + 1}`;
    });
  }
}

function wireNewOrder() {
  document.getElementById('next').addEventListener('click', () => {
    document.getElementById('step-1').hidden = true;
    document.getElementById('step-2').hidden = false;
    document.getElementById('notes').focus();
  });
  document.getElementById('order-form').addEventListener('submit', (e) => {
    e.preventDefault();
    document.getElementById('done').textContent = 'Order submitted';
  });
}

render(location.pathname === '/app.html' ? '/app/home' : location.pathname);
