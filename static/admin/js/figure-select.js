"use strict";
// A figure autocomplete (the cover) shows a thumbnail of the chosen figure below it
// (articles/pictures.py, FigureSelect). When another is chosen, the thumbnail of the
// autocomplete answer replaces it, built from the widget's <template>.
{
    const $ = django.jQuery;

    function preview(select, data) {
        const box = document.querySelector(`[data-figure-preview="${select.id}"]`);
        const template = document.querySelector(`[data-figure-preview-template="${select.id}"]`);
        if (!box || !template) {
            return;
        }
        box.replaceChildren();
        if (!data || !data.thumbnail) {
            return;
        }
        const figure = template.content.firstElementChild.cloneNode(true);
        const image = figure.querySelector("img");
        image.src = data.thumbnail;
        image.alt = data.text || "";
        figure.querySelector("[data-slot=caption]").textContent = data.caption || "";
        figure.querySelector("[data-slot=source]").textContent = data.source || "";
        if (!data.source) {
            figure.querySelector("[data-slot=credit]").remove();
        }
        if (!data.caption && !data.source) {
            figure.querySelector("figcaption").remove();
        }
        box.append(figure);
    }

    $(document).on("select2:select", "select.admin-autocomplete", function(event) {
        preview(this, event.params.data);
    });
    $(document).on("select2:clear", "select.admin-autocomplete", function() {
        preview(this, null);
    });
}
