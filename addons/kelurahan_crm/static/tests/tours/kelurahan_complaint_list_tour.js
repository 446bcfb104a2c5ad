/** @odoo-module **/
// An officer on a 1366x768 office screen reads the complaint list: the number,
// subject and channel of every complaint are shown whole, not cut. A search
// without result explains itself (filters, full NIK) instead of "no complaint yet".
import {registry} from "@web/core/registry";

const WHOLE_COLUMNS = ["number", "name", "channel_id"];

registry.category("web_tour.tours").add("kelurahan_complaint_list_1366", {
    url: "/odoo/pengaduan",
    steps: () => [
        {
            content: "The complaint list shows the long complaint of the test",
            trigger: ".o_list_view .o_data_row:contains('KEL1366')",
        },
        {
            content: "Number, subject and channel cells are not truncated",
            trigger: ".o_list_view .o_data_row",
            run() {
                const rows = document.querySelectorAll(".o_list_view .o_data_row");
                const cut = [];
                let checked = 0;
                for (const row of rows) {
                    for (const name of WHOLE_COLUMNS) {
                        const cell = row.querySelector(`td.o_data_cell[name='${name}']`);
                        if (!cell || !cell.clientWidth) {
                            throw new Error(`Column ${name} is not shown at 1366 px`);
                        }
                        checked++;
                        if (cell.scrollWidth > cell.clientWidth) {
                            cut.push(
                                `${name}: "${cell.textContent.trim()}" ` +
                                    `(${cell.scrollWidth} > ${cell.clientWidth} px)`
                            );
                        }
                    }
                }
                if (window.innerWidth !== 1366) {
                    throw new Error(`Window is ${window.innerWidth} px wide, not 1366`);
                }
                if (cut.length) {
                    throw new Error(`Truncated cells: ${cut.join("; ")}`);
                }
                if (checked < 3 * rows.length || !rows.length) {
                    throw new Error("No cell was checked");
                }
            },
        },
        {
            content: "Search for something no complaint contains",
            trigger: ".o_searchview_input",
            run: "edit zzz-tidak-ada-zzz",
        },
        {
            content: "Search it",
            trigger: ".o_searchview_autocomplete .o_menu_item",
            run: "press Enter",
        },
        {
            content: "The empty result says a filter or search may hide complaints",
            trigger:
                ".o_view_nocontent:contains('Tidak ada pengaduan yang ditemukan'):contains('16 digit')",
        },
    ],
});
