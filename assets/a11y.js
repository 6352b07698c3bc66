// Accessibility fixes for Dash 4 component markup that cannot be configured from Python.
//
//  * Drop-downs: Dash puts an aria-hidden <input> in the tab order that forwards the focus to the real
//    trigger button (tabindex=-1), and names the button by its value only ("All"). Tab goes to the button
//    itself, and the button is named by its <label for=...> first, then its value. The open menu (a dialog)
//    and its listbox are named by the same label. The options: Dash gives role=option to <label>s that
//    hold the checkbox the arrow keys focus (a control inside a control); the role and aria-selected move
//    to the checkbox itself, so the focused element is the option (named by its label, still an "option").
//  * Sliders: the handles are named by the slider's label (<label for=id>, or an element with
//    data-label-for=id), the handles of a range slider by the label plus "start"/"end" (elements with ids
//    <id>-thumb-1-label, <id>-thumb-2-label, or the handle's own "Minimum"/"Maximum"); an element with
//    data-valuetext-for=id gives the value as read out (the as-of slider's value is only a step number).
//  * Text tables (Markdown, see components.text_table): their header cells are column headers (scope=col).
//
// Dash re-renders parts of the page on every callback, so the fixes are applied again after every change.
// Attributes are written only when they differ, so the observer settles at once.
(function () {
    "use strict";

    function setAttr(el, name, value) {
        if (el.getAttribute(name) !== value) {
            el.setAttribute(name, value);
        }
    }

    function quoted(id) {
        return '"' + String(id).replace(/["\\]/g, "\\$&") + '"';
    }

    function labelFor(id) {
        var label = document.querySelector("label[for=" + quoted(id) + "], [data-label-for=" + quoted(id) + "]");
        if (label && !label.id) {
            var unique = id + "-a11y-label";
            for (var n = 2; document.getElementById(unique); n++) {
                unique = id + "-a11y-label-" + n;
            }
            label.id = unique;
        }
        return label;
    }

    function fixDropdown(button) {
        var proxy = button.previousElementSibling;
        if (proxy && proxy.classList.contains("dash-dropdown-focus-target")) {
            setAttr(proxy, "tabindex", "-1");
        }
        if (!button.disabled) {
            setAttr(button, "tabindex", "0");
        }
        var label = button.id && labelFor(button.id);
        if (label) {
            var rest = (button.getAttribute("aria-labelledby") || "").split(/\s+/).filter(function (ref) {
                return ref && ref !== label.id;
            });
            setAttr(button, "aria-labelledby", [label.id].concat(rest).join(" "));
        }
    }

    function fixMenuOptions(list) {
        var trigger = list.closest(".dash-dropdown-wrapper").querySelector("button.dash-dropdown[id]");
        var label = trigger && labelFor(trigger.id);
        if (label) {
            setAttr(list, "aria-labelledby", label.id);
            var menu = list.closest(".dash-dropdown-content[role=dialog]");
            if (menu) {
                setAttr(menu, "aria-labelledby", label.id);
            }
        }
        var inputs = list.querySelectorAll("input.dash-options-list-option-checkbox");
        setAttr(list, "aria-multiselectable", String(inputs.length > 0 && inputs[0].type === "checkbox"));
        list.querySelectorAll("label.dash-options-list-option").forEach(function (option) {
            var input = option.querySelector("input.dash-options-list-option-checkbox");
            if (!input) {
                return;
            }
            // React keeps the label's aria-selected up to date; it moves to the input with the role.
            var selected = option.getAttribute("aria-selected");
            if (selected !== null) {
                setAttr(input, "aria-selected", selected);
                option.removeAttribute("aria-selected");
            }
            option.removeAttribute("role");
            setAttr(input, "role", "option");
        });
    }

    function fixSlider(container) {
        var label = labelFor(container.id);
        var thumbs = container.querySelectorAll("[role=slider]");
        var inputs = container.querySelectorAll("input.dash-range-slider-input, input.dash-slider-input");
        [thumbs, inputs].forEach(function (handles) {
            Array.prototype.forEach.call(handles, function (handle, i) {
                if (!label) {
                    return;
                }
                if (thumbs.length < 2) {
                    setAttr(handle, "aria-labelledby", label.id);
                    return;
                }
                var part = document.getElementById(container.id + "-thumb-" + (i + 1) + "-label");
                if (!part && thumbs[i] && thumbs[i].getAttribute("aria-label")) {
                    part = thumbs[i];
                    if (!part.id) {
                        part.id = container.id + "-thumb-" + (i + 1);
                    }
                }
                setAttr(handle, "aria-labelledby", part ? label.id + " " + part.id : label.id);
            });
        });
        var valueText = document.querySelector("[data-valuetext-for=" + quoted(container.id) + "]");
        if (valueText && thumbs.length === 1 && valueText.textContent.trim()) {
            setAttr(thumbs[0], "aria-valuetext", valueText.textContent.trim());
        }
    }

    function fixAll() {
        document.querySelectorAll(".dash-dropdown-wrapper > button.dash-dropdown[id]").forEach(fixDropdown);
        document.querySelectorAll(".dash-slider-container[id]").forEach(fixSlider);
        document.querySelectorAll(".dash-dropdown-wrapper .dash-options-list").forEach(fixMenuOptions);
        document.querySelectorAll(".text-table thead th").forEach(function (th) {
            setAttr(th, "scope", "col");
        });
    }

    // At most once a frame: a redraw changes the page in many small batches, each of which would run fixAll.
    var scheduled = false;

    function fixBeforeNextFrame() {
        if (!scheduled) {
            scheduled = true;
            window.requestAnimationFrame(function () {
                scheduled = false;
                fixAll();
            });
        }
    }

    function start() {
        fixAll();
        new MutationObserver(fixBeforeNextFrame).observe(document.body, {
            subtree: true, childList: true, characterData: true,
            attributes: true, attributeFilter: ["tabindex", "aria-labelledby", "role", "aria-selected"],
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
