// kpicast dashboard client: draws the charts a page embeds as JSON, submits the filter form on
// change, shows the custom date fields only for a custom range. No inline script anywhere: the
// content security policy allows scripts from the server only.
(function () {
  'use strict';

  function readJson(id) {
    var node = document.getElementById(id);
    if (!node) return undefined;
    try {
      return JSON.parse(node.textContent || 'null');
    } catch (error) {
      console.warn('kpicast: unreadable chart data ' + id);
      return undefined;
    }
  }

  function drawCharts() {
    var holders = document.querySelectorAll('[data-figure]');
    for (var i = 0; i < holders.length; i++) {
      var holder = holders[i];
      var figure = readJson(holder.getAttribute('data-figure'));
      if (!figure || !window.Plotly) continue;
      var name = holder.getAttribute('data-name') || 'chart';
      var layout = Object.assign({}, figure.layout, { autosize: true });
      delete layout.width;
      window.Plotly.newPlot(holder, figure.data, layout, {
        responsive: true,
        displaylogo: false,
        showLink: false,
        toImageButtonOptions: { format: 'png', filename: name, scale: 2 },
      }).then(function (div) {
        div.setAttribute('data-drawn', 'true');
      });
    }
  }

  function wirePngButtons() {
    var buttons = document.querySelectorAll('button[data-png]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function (event) {
        var button = event.currentTarget;
        var div = document.getElementById(button.getAttribute('data-png'));
        if (!div || !window.Plotly) return;
        window.Plotly.downloadImage(div, { format: 'png', filename: button.getAttribute('data-filename') || 'chart', scale: 2 });
      });
    }
  }

  function wireForms() {
    var forms = document.querySelectorAll('form[data-autosubmit]');
    for (var i = 0; i < forms.length; i++) {
      (function (form) {
        var preset = form.querySelector('select[name="period"]');
        var custom = form.querySelector('.custom-range');
        function toggle() {
          if (!preset || !custom) return;
          var on = preset.value === 'custom';
          custom.hidden = !on;
          var inputs = custom.querySelectorAll('input');
          for (var k = 0; k < inputs.length; k++) inputs[k].disabled = !on;
        }
        toggle();
        var selects = form.querySelectorAll('select');
        for (var j = 0; j < selects.length; j++) {
          selects[j].addEventListener('change', function (event) {
            toggle();
            if (event.currentTarget.name === 'period' && event.currentTarget.value === 'custom') return;
            // a finer filter no longer holds when a coarser one changes (a store of another region)
            var clears = event.currentTarget.getAttribute('data-clears');
            if (clears) {
              clears.split(' ').forEach(function (n) {
                var dep = form.querySelector('[name="' + n + '"]');
                if (dep) dep.value = '';
              });
            }
            submit(form);
          });
        }
        form.addEventListener('submit', function (event) {
          event.preventDefault();
          submit(form);
        });
      })(forms[i]);
    }
  }

  // GET without empty fields, so a shared URL says only what was chosen.
  function submit(form) {
    var params = new URLSearchParams();
    var data = new FormData(form);
    data.forEach(function (value, key) {
      if (typeof value === 'string' && value !== '') params.append(key, value);
    });
    var query = params.toString();
    window.location.assign((form.getAttribute('action') || window.location.pathname) + (query ? '?' + query : ''));
  }

  // Click a column header to sort the rows shown (numbers by their value, text in the page's
  // language); again to reverse. Only the order on screen changes: the downloads keep the library's.
  function wireSorting() {
    var tables = document.querySelectorAll('table.data');
    for (var t = 0; t < tables.length; t++) {
      (function (table) {
        var headers = table.querySelectorAll('thead th');
        for (var h = 0; h < headers.length; h++) {
          (function (th, index) {
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'sort';
            button.textContent = th.textContent;
            th.textContent = '';
            th.appendChild(button);
            button.addEventListener('click', function () {
              var descending = th.getAttribute('aria-sort') !== 'descending';
              for (var k = 0; k < headers.length; k++) headers[k].removeAttribute('aria-sort');
              th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              var lang = document.documentElement.lang || 'en';
              rows.sort(function (a, b) {
                var x = a.cells[index];
                var y = b.cells[index];
                var vx = x && x.hasAttribute('data-value') ? Number(x.getAttribute('data-value')) : null;
                var vy = y && y.hasAttribute('data-value') ? Number(y.getAttribute('data-value')) : null;
                var order;
                if (vx !== null || vy !== null) order = vx === null ? -1 : vy === null ? 1 : vx - vy;
                else order = (x ? x.textContent : '').localeCompare(y ? y.textContent : '', lang);
                return descending ? -order : order;
              });
              for (var r = 0; r < rows.length; r++) body.appendChild(rows[r]);
            });
          })(headers[h], h);
        }
      })(tables[t]);
    }
  }

  function start() {
    drawCharts();
    wirePngButtons();
    wireForms();
    wireSorting();
    document.documentElement.setAttribute('data-ready', 'true');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
