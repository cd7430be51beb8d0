// The town from the postal code: in any form, when the input named "postal_code" holds four
// digits and the form's "city" is empty, ask /postnumre/{code} and fill it in. Without
// JavaScript the server fills in a blank town when the form is sent.
document.addEventListener('input', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.name !== 'postal_code' || !input.form) return;
  const code = input.value.trim();
  const city = input.form.elements.namedItem('city');
  if (!/^\d{4}$/.test(code) || !(city instanceof HTMLInputElement) || city.value.trim() !== '') return;
  fetch('/postnumre/' + code, { headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .then((found) => {
      // The user may have typed a town or another postal code meanwhile.
      if (found && city.value.trim() === '' && input.value.trim() === code) city.value = found.town;
    })
    .catch(() => {});
});
