/** @odoo-module **/
// An RW officer on a phone (360 px wide) reports a complaint with the quick form.
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("kelurahan_quick_report", {
    url: "/odoo/lapor-cepat",
    steps: () => [
        {
            content: "The quick form is shown",
            trigger: ".o_kel_quick_form",
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
            content: "Category: on a phone it opens a full-screen list",
            trigger: ".o_field_widget[name='category_id'] input",
            run: "click",
        },
        {
            content: "Choose the category",
            trigger:
                ".modal .o_kanban_record:contains('Street lighting'), " +
                ".modal .o_data_row:contains('Street lighting')",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Lampu jalan mati",
        },
        {
            content: "Description",
            trigger: ".o_field_widget[name='description'] textarea",
            run: "edit Lampu mati sejak tiga hari di depan musala.",
        },
        {
            content: "Their RW is already chosen",
            trigger: ".o_field_widget[name='rw_id'] input:value('RW 01')",
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
    ],
});
