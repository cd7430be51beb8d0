// Small progressive behaviours; every page works without them.
// data-confirm="Tekst": a submit button or link that asks first.
document.addEventListener('click', (event) => {
  const el = event.target.closest('[data-confirm]');
  if (el && !window.confirm(el.getAttribute('data-confirm'))) event.preventDefault();
});
