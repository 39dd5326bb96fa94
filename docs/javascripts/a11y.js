// Two fixes for elements the theme's script makes, which no template override reaches (the
// built site's axe-core check, tests/test_reader.py, finds them otherwise):
// - the bar of buttons on each code block is a <nav>, and a page of several code blocks has
//   several unnamed navigation landmarks; a copy button is no navigation, so it is a plain group;
// - a table that scrolls sideways (on a narrow screen) must be reachable with the keyboard to
//   scroll it, as Material makes its code blocks: it gets a tab stop while it scrolls.
// Widths are read only in the ResizeObserver's callback, which runs once layout is done (and
// once for each element as it is first observed), so the script forces no layout of its own.
(() => {
  const sizes = new ResizeObserver((entries) => {
    // A wrapper scrolls once its table is wider than it: either may change size after it is made.
    const wraps = new Set();
    for (const entry of entries) {
      const wrap = entry.target.closest(".md-typeset__scrollwrap");
      if (wrap !== null) wraps.add(wrap);
    }
    // Every width first, then the changes: a change between two reads would cost a layout.
    const scrolls = [...wraps].map((wrap) => [wrap, wrap.scrollWidth > wrap.clientWidth]);
    for (const [wrap, scrolling] of scrolls) {
      if (scrolling && wrap.tabIndex !== 0) wrap.tabIndex = 0;
      else if (!scrolling && wrap.hasAttribute("tabindex")) wrap.removeAttribute("tabindex");
    }
  });
  const watched = new WeakSet();
  const fix = () => {
    for (const bar of document.querySelectorAll(".md-code__nav:not([role])")) {
      bar.setAttribute("role", "none");
    }
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (!watched.has(wrap)) {
        watched.add(wrap);
        sizes.observe(wrap);
        if (wrap.firstElementChild !== null) sizes.observe(wrap.firstElementChild);
      }
    }
  };
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  fix();
})();
