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
        button = document.getElementById("asof-prev");
    } else if (event.key === "ArrowRight" || event.key === "PageDown") {
        button = document.getElementById("asof-next");
    }
    if (button) {
        event.preventDefault();
        button.click();
    }
});
