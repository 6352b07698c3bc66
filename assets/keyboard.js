// Keyboard shortcuts. None takes a key from the browser: PageUp, PageDown, Space and the arrows scroll the page
// as usual, except where a shortcut has been asked for:
//  * ← → step the "as of" date while the focus is in the as-of bar (on its buttons), and anywhere in
//    presentation mode, where PageUp and PageDown do the same: a presenter's clicker sends those keys;
//  * Enter on a cell of the members table opens the organisation's profile;
//  * "?" (or its button in the header) opens the list of shortcuts, a modal <dialog>: the browser keeps the
//    focus inside it and closes it on Esc; the focus then returns where it was.
// The list says the same in the page's language (dashboard/ui/sections/header.py).
(function () {
    "use strict";

    var STEPS = {ArrowLeft: "prev", ArrowRight: "next"};
    var CLICKER_STEPS = {ArrowLeft: "prev", ArrowRight: "next", PageUp: "prev", PageDown: "next"};
    // Controls that use these keys themselves: text fields, the slider handles, radios, menus, grids, the list.
    var OWNS_KEYS = "input, textarea, select, [role=slider], [role=listbox], [role=combobox]," +
        " [contenteditable=true], .ag-root-wrapper, .dash-dropdown, dialog";
    var opener = null;

    function shortcutsDialog() {
        return document.querySelector("dialog[data-shortcuts]");
    }

    function openShortcuts() {
        var dialog = shortcutsDialog();
        if (dialog && !dialog.open) {
            opener = document.activeElement;
            dialog.showModal();
        }
    }

    function step(event) {
        var presenting = document.querySelector(".dashboard.present");
        var inBar = event.target.closest(".asof-bar");
        var direction = (presenting ? CLICKER_STEPS : inBar ? STEPS : {})[event.key];
        var button = direction && document.querySelector("[data-shortcut=" + direction + "]");
        if (button) {
            event.preventDefault();
            button.click();
        }
    }

    document.addEventListener("keydown", function (event) {
        if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || !event.target.closest) {
            return;
        }
        var owned = event.target.closest(OWNS_KEYS);
        if (event.key === "?") {  // Shift and another key on most layouts: the key's character is what counts
            if (!owned) {
                event.preventDefault();
                openShortcuts();
            }
            return;
        }
        if (event.shiftKey) {
            return;
        }
        // AG Grid reports only mouse clicks as cellClicked; Enter on a link inside a cell still follows the link.
        var cell = event.key === "Enter" && event.target.closest("[data-rows-open-profile] .ag-cell");
        if (cell && cell === event.target) {
            event.preventDefault();
            cell.click();
        } else if (!owned) {
            step(event);
        }
    });

    document.addEventListener("click", function (event) {
        var dialog = shortcutsDialog();
        if (event.target.closest("[data-shortcuts-open]")) {
            openShortcuts();
        } else if (dialog && dialog.open && (event.target === dialog || event.target.closest("[data-shortcuts-close]"))) {
            dialog.close();  // the close button, or a click on the backdrop (the dialog box itself is padded)
        }
    });

    // "close" does not bubble: caught on its way down.
    document.addEventListener("close", function (event) {
        if (event.target === shortcutsDialog() && opener && opener.isConnected) {
            opener.focus();
            opener = null;
        }
    }, true);
}());
