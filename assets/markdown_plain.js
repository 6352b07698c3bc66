/*
 * dcc.Markdown fetches highlight.js (a 35 kB chunk) to colour code blocks as soon as it draws, unless window.hljs
 * is there. The dashboard's Markdown is data made literal (components.literal): it never holds code.
 */
window.hljs = window.hljs || {highlightElement: function () {}};
