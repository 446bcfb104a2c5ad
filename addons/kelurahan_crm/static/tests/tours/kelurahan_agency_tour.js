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
                // A phone viewport (as the home page tour), and our list fits in it.
                if (window.innerWidth > 400) {
                    throw new Error(`Expected a phone viewport, got ${window.innerWidth}px`);
                }
                // The whole page, header with a long user name included.
                const width = document.documentElement.scrollWidth;
                if (width > window.innerWidth) {
                    throw new Error(`The page is ${width}px wide in a ${window.innerWidth}px window`);
                }
                const list = document.querySelector(".o_kel_dispositions");
                if (list.getBoundingClientRect().right > window.innerWidth) {
                    throw new Error("The dispositions list is wider than the phone");
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
