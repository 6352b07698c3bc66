/*
 * Chart pictures that say what they show. The page shows a chart under its section's heading, beside the filters,
 * the data date and the sources; a saved picture leaves all that behind. So a picture (PNG or SVG, from the buttons
 * above a chart) is the chart as drawn, with the heading as its title, the cluster, data date and filters under it
 * and the sources' credit at its foot: added to the picture only, so the page stays as it is.
 *
 * The toolbar's camera saves the chart as the PNG button above it does: under a name that tells the cluster,
 * chart, filters and date (the PNG button's clientside callback knows it). That name changes with every filter
 * change; kept in the chart's config, it would make plotly.js draw the chart anew from scratch each time (a
 * changed config turns Plotly.react into a new plot), so the camera hands its click on instead.
 */
window.dashboardPictures = (() => {
    const FONT = '"Open Sans", verdana, arial, sans-serif'; // plotly.js's own
    const PAD = 16;
    const LINE = 1.35; // line height, in font sizes
    const TITLE = {size: 18, weight: "bold", colour: "#212529"};
    const TEXT = {size: 12, weight: "normal", colour: "#212529"};
    const CREDIT = {size: 11, weight: "normal", colour: "#6c757d"};
    const PNG_SCALE = 3; // presentation resolution
    const measure = document.createElement("canvas").getContext("2d");

    const escape = (text) => text.replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
    const css = (style) => `${style.weight} ${style.size}px ${FONT}`;

    // Lines of at most `width` pixels in the style, broken between words (SVG text does not wrap).
    function wrap(text, style, width) {
        measure.font = css(style);
        const lines = [];
        let line = "";
        for (const word of text.split(/\s+/).filter(Boolean)) {
            const longer = line ? `${line} ${word}` : word;
            if (line && measure.measureText(longer).width > width) {
                lines.push(line);
                line = word;
            } else {
                line = longer;
            }
        }
        return line ? [...lines, line] : lines;
    }

    // Text blocks stacked from `top`: SVG <text> elements and the height they take.
    function block(parts, width, top) {
        let y = top;
        const texts = [];
        for (const [text, style] of parts) {
            for (const line of wrap(text, style, width - 2 * PAD)) {
                y += style.size * LINE;
                texts.push(`<text x="${PAD}" y="${y - style.size * (LINE - 1)}" font-family='${FONT}' ` +
                           `font-size="${style.size}" font-weight="${style.weight}" fill="${style.colour}">` +
                           `${escape(line)}</text>`);
            }
        }
        return {svg: texts.join(""), height: y - top};
    }

    function titleOf(graph) {
        const figure = graph.closest('[role="figure"]');
        const heading = figure && document.getElementById(figure.getAttribute("aria-labelledby"));
        return heading ? heading.textContent.trim() : "";
    }

    // The chart as plotly.js draws it, framed by its texts: one SVG document.
    async function framedSvg(graph, texts) {
        const width = graph._fullLayout.width;
        const height = graph._fullLayout.height;
        const url = await window.Plotly.toImage(graph, {format: "svg", width, height});
        const chart = decodeURIComponent(url.slice(url.indexOf(",") + 1));
        const head = block([[titleOf(graph), TITLE], ...texts.lines.map((line) => [line, TEXT])], width, PAD / 2);
        const top = PAD / 2 + head.height + PAD / 2;
        const foot = block([[texts.credit, CREDIT]], width, top + height);
        const total = Math.ceil(top + height + foot.height + PAD / 2);
        return {
            width, height: total,
            svg: `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
                 `width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">` +
                 `<rect width="100%" height="100%" fill="#ffffff"/>${head.svg}` +
                 `<g transform="translate(0,${top})">${chart}</g>${foot.svg}</svg>`,
        };
    }

    function pngOf(framed) {
        return new Promise((resolve, reject) => {
            const image = new Image();
            image.onload = () => {
                const canvas = document.createElement("canvas");
                canvas.width = framed.width * PNG_SCALE;
                canvas.height = framed.height * PNG_SCALE;
                canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
                canvas.toBlob(resolve, "image/png");
            };
            image.onerror = reject;
            image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(framed.svg);
        });
    }

    async function save(graph, format, filename, texts) {
        const framed = await framedSvg(graph, texts);
        const blob = format === "png" ? await pngOf(framed) : new Blob([framed.svg], {type: "image/svg+xml"});
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = `${filename}.${format}`;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }

    return {save};
})();

document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest(".modebar-btn");
    // the camera: "Download plot as a PNG", «Скачать график в формате PNG» (assets/plotly-locale-ru.js)
    if (!button || !(button.getAttribute("data-title") || "").endsWith("PNG")) {
        return;
    }
    const graph = button.closest(".dash-graph");
    const png = graph && document.querySelector(`[data-png-for="${CSS.escape(graph.id)}"]`);
    if (png) {
        event.stopPropagation();
        event.preventDefault();
        png.click();
    }
}, true);
