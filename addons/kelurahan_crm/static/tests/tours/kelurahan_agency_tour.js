/** @odoo-module **/
// An agency contact on a phone (360 px wide) opens the disposition sent to their
// agency, accepts it, then marks it done with the result.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kelurahan_agency_answer", {
    url: "/my/disposisi",
    steps: () => [
        {
            content: "The page fits the phone",
            trigger: ".o_kel_dispositions",
            run() {
                if (window.innerWidth !== 360) {
                    const wide = [...document.querySelectorAll("body *")]
                        .filter((el) => el.getBoundingClientRect().right > 361)
                        .map((el) => `${el.tagName}.${el.className}`)
                        .slice(0, 8);
                    throw new Error(
                        `Expected a 360 px viewport, got ${window.innerWidth}: ${wide.join(" | ")}`
                    );
                }
            },
        },
        {
            content: "Open the disposition",
            trigger: ".o_kel_disposition_row",
            run: "click",
        },
        {
            content: "Accept it",
            trigger: ".o_kel_answer_accept",
            run: "click",
        },
        {
            content: "Saved, now accepted",
            trigger: ".o_kel_notice",
        },
        {
            content: "Write the result",
            trigger: "#o_kel_dispo_note",
            run: "edit Lubang sudah ditambal.",
        },
        {
            content: "Mark done",
            trigger: ".o_kel_answer_done",
            run: "click",
        },
        {
            content: "Done: no more answer form",
            trigger: ".o_kel_notice:contains(saved)",
        },
        {
            content: "The form is gone",
            trigger: "body:not(:has(.o_kel_disposition_form))",
        },
    ],
});
