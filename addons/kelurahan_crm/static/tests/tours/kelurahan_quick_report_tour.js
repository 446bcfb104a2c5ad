/** @odoo-module **/
// An RW officer on a phone (360 px wide) reports a complaint with the quick form:
// every choice stays on the page (no full-screen dialog) and the description comes
// back as the plain text they typed.
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const DESCRIPTION = "Lampu mati sejak tiga hari di depan musala.";

registry.category("web_tour.tours").add("kelurahan_quick_report", {
    url: "/odoo/lapor-cepat",
    steps: () => [
        {
            content: "The quick form is shown",
            trigger: ".o_kel_quick_form",
        },
        {
            content: "The resident agreed to the privacy notice read to them",
            trigger: ".o_field_widget[name='kel_notice_ack'] input",
            run: "click",
        },
        {
            content: "Reporter name",
            trigger: ".o_field_widget[name='reporter_name'] input",
            run: "edit Ibu Tour Ponsel",
        },
        {
            content: "Reporter phone",
            trigger: ".o_field_widget[name='reporter_phone'] input",
            run: "edit 081298765432",
        },
        {
            content: "Category: a native picker on the page",
            trigger: ".o_field_widget[name='category_id'] select",
            run: "selectByLabel Street lighting",
        },
        {
            content: "No dialog opened for the category",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Lampu jalan mati",
        },
        {
            content: "Description, as plain text",
            trigger: ".o_field_widget[name='kel_description_text'] textarea",
            run: `edit ${DESCRIPTION}`,
        },
        {
            content: "Their RW is already chosen, as a radio button",
            trigger:
                ".o_field_widget[name='rw_id'] .o_radio_item:has(input:checked) label:contains('RW 01')",
        },
        {
            content: "RT: a native picker limited to their RW",
            trigger: ".o_field_widget[name='rt_id'] select:has(option:contains('003'))",
            run: "selectByLabel 003",
        },
        {
            content: "Address",
            trigger: ".o_field_widget[name='location_address'] input",
            run: "edit Jl. Swadaya No. 7",
        },
        ...stepUtils.saveForm(),
        {
            content: "The complaint number is shown",
            trigger: ".o_field_widget[name='number']:contains('ADU/')",
        },
        {
            content: "The saved description reads as typed, without HTML tags",
            trigger: `.o_field_widget[name='kel_description_text'] textarea:value('${DESCRIPTION}')`,
        },
    ],
});
