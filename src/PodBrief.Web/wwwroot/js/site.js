// Progressive enhancement only: every page works without this file (CSP allows no inline script).
(function () {
  'use strict';

  function browserTimeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      return '';
    }
  }

  function fillTimeZone(id) {
    var input = document.getElementById(id);
    if (input && !input.value) {
      input.value = browserTimeZone();
    }
  }

  function init() {
    fillTimeZone('timezone');
    fillTimeZone('signup-timezone');

    // Feedback links from an email: one tap records it (the GET page itself never changes anything).
    var autosubmit = document.querySelector('form[data-autosubmit]');
    if (autosubmit && !sessionStorage.getItem('fb:' + location.pathname)) {
      sessionStorage.setItem('fb:' + location.pathname, '1');
      autosubmit.submit();
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
