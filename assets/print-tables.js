/*
 * The tables on paper, every row of them. A grid prints only the rows it has drawn, so each grid's rows also wait
 * in a store (sections/tables.py: data-print-rows names it), and are laid out here as a plain table just before
 * the page is printed: Ctrl+P, window.print() and a saved PDF all fire beforeprint, and lay the page out for
 * paper only once its listeners have run. After printing the tables are taken away again: on screen they were a
 * seventh of the page's elements, laid out on every load and filter change.
 *
 * Loaded before print.js, which sets the charts' heights by where the printed pages break: Dash loads assets in
 * the order of their names.
 */
(function () {
    "use strict";

    function row(cells, tag) {
        var tr = document.createElement("tr");
        cells.forEach(function (text) {
            var cell = document.createElement(tag);
            cell.textContent = text;  // data, never markup
            if (tag === "th") {
                cell.setAttribute("scope", "col");
            }
            tr.appendChild(cell);
        });
        return tr;
    }

    // The same markup as components.text_table's, so that style.css prints it as it prints the others.
    function table(rows) {
        var head = document.createElement("thead");
        head.appendChild(row(rows.header, "th"));
        var body = document.createElement("tbody");
        rows.rows.forEach(function (cells) {
            body.appendChild(row(cells, "td"));
        });
        var element = document.createElement("table");
        element.append(head, body);
        var box = document.createElement("div");
        box.className = "text-table small";
        box.appendChild(element);
        return box;
    }

    function hosts() {
        return document.querySelectorAll("[data-print-rows]");
    }

    window.addEventListener("beforeprint", function () {
        var api = window.dash_component_api;
        hosts().forEach(function (host) {
            var store = api && api.getLayout(host.getAttribute("data-print-rows"));
            var rows = store && store.props.data;
            host.replaceChildren.apply(host, rows ? [table(rows)] : []);
        });
    });

    window.addEventListener("afterprint", function () {
        hosts().forEach(function (host) {
            host.replaceChildren();
        });
    });
})();
