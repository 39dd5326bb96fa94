// Two fixes for elements the theme's script makes, which no template override reaches (the
// built site's axe-core checks, tests/test_a11y.py, find them otherwise):
// - the bar of buttons on each code block is a <nav>, and a page of several code blocks has
//   several unnamed navigation landmarks; a copy button is no navigation, so it is a plain group;
// - a table that scrolls sideways (on a narrow screen) must be reachable with the keyboard to
//   scroll it, as Material makes its code blocks: it gets a tab stop while it scrolls.
(() => {
  const fix = () => {
    for (const bar of document.querySelectorAll(".md-code__nav:not([role])")) {
      bar.setAttribute("role", "none");
    }
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        if (wrap.tabIndex !== 0) wrap.tabIndex = 0;
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
      }
    }
  };
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", fix);
  fix();
})();
