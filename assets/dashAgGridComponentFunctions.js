// Cell renderer for source links: each URL becomes a link that opens in a new tab.
// React elements, not HTML strings, so nothing in the data can inject markup; only http(s) links are made.
var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.SourceLinks = function (props) {
    var urls = Array.isArray(props.value) ? props.value : [];
    var links = [];
    urls.forEach(function (url, i) {
        if (typeof url !== "string" || !/^https?:\/\//.test(url)) {
            return;
        }
        if (links.length) {
            links.push(" · ");
        }
        var host = url.replace(/^https?:\/\/(www\.)?/, "").split(/[/?#]/)[0];
        // a site's name wider than its column breaks after a dot ("baikalinform." "ru"), not inside a word
        var parts = [];
        host.split(".").forEach(function (part, j) {
            if (j) {
                parts.push(".", React.createElement("wbr", {key: j}));
            }
            parts.push(part);
        });
        links.push(React.createElement(
            "a", {key: i, href: url, target: "_blank", rel: "noopener noreferrer", title: url}, parts
        ));
    });
    return React.createElement("span", null, links);
};
