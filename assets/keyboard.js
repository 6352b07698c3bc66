// The arrow keys step the "as of" date (a presenter's clicker sends them too), unless the keys belong to
// a control that has the focus: a text field, a slider handle, a drop-down or a grid cell.
document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
    }
    var target = event.target;
    var owned = target.closest && target.closest("input, textarea, select, [role=slider], [role=listbox]," +
        " [role=combobox], [contenteditable=true], .ag-root-wrapper, .dash-dropdown");
    if (owned) {
        return;
    }
    var button = null;
    if (event.key === "ArrowLeft" || event.key === "PageUp") {
        button = document.querySelector("[data-shortcut=prev]");
    } else if (event.key === "ArrowRight" || event.key === "PageDown") {
        button = document.querySelector("[data-shortcut=next]");
    }
    if (button) {
        event.preventDefault();
        button.click();
    }
});

// Enter on a cell of the organisations table opens the organisation's profile, as a click on the row does
// (AG Grid reports only mouse clicks as cellClicked). Enter on a link inside a cell still follows the link.
document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
    }
    var cell = event.target.closest && event.target.closest("[data-rows-open-profile] .ag-cell");
    if (cell && cell === event.target) {
        event.preventDefault();
        cell.click();
    }
});
