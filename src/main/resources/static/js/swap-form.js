// The swap form, enhanced: choosing a kind shows its fields at once (the page's own
// server rendering, fetched), and the pickers search as one types (GET /swaps/picker/*,
// a page at a time with "Show more"). Without JavaScript the same buttons do it by a
// round trip, so this file only saves clicks.
(function () {
  'use strict';
  var form = document.querySelector('form.swap-form');
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) {
    return;
  }
  // The form's own address: form.action would be its buttons named "action".
  var shift = form.getAttribute('data-shift');

  function fields(action) {
    var data = new URLSearchParams(new FormData(form));
    data.set('action', action);
    return data;
  }

  function refreshKind() {
    fetch(form.getAttribute('action'), { method: 'POST', body: fields('choose'), credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('kind-fields');
        if (fresh) {
          document.getElementById('kind-fields').replaceChildren.apply(document.getElementById('kind-fields'),
            Array.prototype.slice.call(fresh.childNodes).map(function (node) { return document.importNode(node, true); }));
          wirePickers();
        }
      })
      .catch(function () {
        document.getElementById('choose-kind').hidden = false;
      });
  }

  function picker(inputIds, selectId, statusId, moreValue, address) {
    var select = document.getElementById(selectId);
    if (!select) {
      return;
    }
    var status = document.getElementById(statusId);
    var moreButton = form.querySelector('button[value="' + moreValue + '"]');
    var next = null;
    var timer = null;
    var asked = 0;

    function fill(answer, append) {
      var chosen = select.value;
      if (!append) {
        Array.prototype.slice.call(select.options, 1).forEach(function (option) {
          if (option.value !== chosen) {
            option.remove();
          }
        });
      }
      answer.items.forEach(function (item) {
        if (String(item.id) !== chosen) {
          select.add(new Option(item.label, String(item.id)));
        }
      });
      var shown = select.options.length - 1;
      next = answer.next;
      status.textContent = shown === 0 ? 'None found: try another search.'
        : next ? shown + ' shown; more match: narrow the search or show more.' : shown + ' found.';
      if (moreButton) {
        moreButton.parentElement.hidden = !next;
      }
    }

    function ask(url, append) {
      var mine = ++asked;
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) {
          return response.json().then(function (body) {
            if (!response.ok) {
              throw body;
            }
            return body;
          });
        })
        .then(function (answer) {
          if (mine === asked) {
            fill(answer, append);
          }
        })
        .catch(function (problem) {
          if (mine === asked) {
            status.textContent = problem && problem.error ? problem.error : 'The search failed; use the Find button.';
          }
        });
    }

    inputIds.forEach(function (id) {
      var input = document.getElementById(id);
      input.addEventListener('input', function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { ask(address(), false); }, 250);
      });
    });
    if (moreButton) {
      moreButton.addEventListener('click', function (event) {
        if (next) {
          event.preventDefault();
          ask(next, true);
        }
      });
    }
  }

  function value(id) {
    return encodeURIComponent(document.getElementById(id).value);
  }

  function wirePickers() {
    picker(['personQuery'], 'toPersonId', 'cover-status', 'more-people', function () {
      return '/swaps/picker/people?shift=' + shift + '&q=' + value('personQuery');
    });
    picker(['shiftPerson', 'shiftFrom'], 'counterpartShiftId', 'swap-status', 'more-shifts', function () {
      return '/swaps/picker/shifts?shift=' + shift + '&person=' + value('shiftPerson') + '&from=' + value('shiftFrom');
    });
  }

  document.getElementById('choose-kind').hidden = true;
  form.querySelectorAll('input[name=kind]').forEach(function (radio) {
    radio.addEventListener('change', refreshKind);
  });
  wirePickers();
}());
