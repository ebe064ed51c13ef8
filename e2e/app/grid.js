// Renders 400 buttons; ?n=<page> names this page in every test id, so each click is unique across pages.
const n = new URLSearchParams(location.search).get('n') || '0';
const grid = document.getElementById('grid');
const status = document.getElementById('status');
for (let i = 0; i < 400; i++) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = 'Go';
  b.dataset.testid = `p${n}-c${i}`;
  b.addEventListener('click', () => {
    status.textContent = `Clicked ${i}`;
    b.classList.toggle('on');
  });
  grid.append(b);
}
const next = document.getElementById('next');
next.dataset.testid = `next-${n}`;
next.href = `/grid.html?n=${Number(n) + 1}`;
