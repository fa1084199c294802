// Copy buttons for feed URLs: a progressive enhancement. Without JavaScript the buttons stay hidden and the URL
// sits in a read-only field to select and copy by hand.
(function () {
  'use strict';
  document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      var done = function () {
        button.textContent = 'Copied';
        window.setTimeout(function () { button.textContent = 'Copy URL'; }, 2000);
      };
      field.focus();
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand('copy'); done(); });
      } else {
        document.execCommand('copy');
        done();
      }
    });
  });
}());
