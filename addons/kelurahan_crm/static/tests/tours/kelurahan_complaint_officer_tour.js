/** @odoo-module **/
// A kelurahan officer opens the complaint list, filters the overdue ones, opens one,
// takes it, verifies it and moves it to "In Progress": the follow-up date (Tgl TL)
// is set.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kelurahan_complaint_officer", {
    url: "/odoo/pengaduan",
    steps: () => [
        {
            content: "The complaint list is shown",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Open the filters",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Filter the overdue complaints",
            trigger: ".o_filter_menu .o_menu_item:contains('Overdue')",
            run: "click",
        },
        {
            content: "The filter is applied",
            trigger: ".o_searchview_facet:contains('Overdue')",
        },
        {
            content: "Search the complaint",
            trigger: "input.o_searchview_input",
            run: "edit TOUR lampu",
        },
        {
            content: "Search it as a complaint (number or subject)",
            trigger: ".o_searchview_autocomplete .o_menu_item:contains('Complaint')",
            run: "click",
        },
        {
            content: "Open the overdue complaint",
            trigger:
                ".o_data_row:contains('TOUR lampu jalan mati') .o_data_cell[name='name']",
            run: "click",
        },
        {
            content: "The form shows it is overdue",
            trigger: ".o_form_view .ribbon:contains('Overdue')",
        },
        {
            content: "Take the complaint",
            trigger: ".o_form_view button[name='assign_to_me']",
            run: "click",
        },
        {
            content: "Verify it first: Verification comes before any later stage",
            trigger: ".o_statusbar_status button:contains('Verification')",
            run: "click",
        },
        {
            content: "The complaint is in Verification",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Verification')",
        },
        {
            content: "Move it to In Progress",
            trigger: ".o_statusbar_status button:contains('In Progress')",
            run: "click",
        },
        {
            content: "The follow-up date (Tgl TL) is filled by the workflow",
            trigger: ".o_field_widget[name='date_followup']:contains('/')",
        },
        {
            content: "The complaint is now In Progress (saved by the status bar)",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('In Progress')",
        },
    ],
});
