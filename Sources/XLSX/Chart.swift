import CXLSXWriter

/// A native Excel chart drawn from ranges of a sheet; Excel, WPS and LibreOffice render it.
package final class Chart {
    package enum Kind { case column, bar, pie, line }

    let pointer: UnsafeMutablePointer<lxw_chart>
    unowned let workbook: Workbook

    package init(_ workbook: Workbook, kind: Kind) throws {
        let type: lxw_chart_type
        switch kind {
        case .column: type = LXW_CHART_COLUMN
        case .bar: type = LXW_CHART_BAR
        case .pie: type = LXW_CHART_PIE
        case .line: type = LXW_CHART_LINE
        }
        guard let p = workbook.chartHandle(type) else { throw XLSXError.workbookClosed }
        pointer = p
        self.workbook = workbook
    }

    package func title(_ text: String) { chart_title_set_name(pointer, workbook.retain(text)) }

    /// Adds a series whose categories and values are ranges of `sheet`.
    package func addSeries(name: String, sheet: String, categories: CellRange, values: CellRange,
                          showValues: Bool = false) {
        let series = chart_add_series(pointer, nil, nil)
        chart_series_set_categories(series, workbook.retain(sheet), lxw_row_t(categories.firstRow),
                                    lxw_col_t(categories.firstColumn), lxw_row_t(categories.lastRow),
                                    lxw_col_t(categories.lastColumn))
        chart_series_set_values(series, workbook.retain(sheet), lxw_row_t(values.firstRow),
                                lxw_col_t(values.firstColumn), lxw_row_t(values.lastRow),
                                lxw_col_t(values.lastColumn))
        chart_series_set_name(series, workbook.retain(name))
        if showValues { chart_series_set_labels(series) }
    }

    /// Axis titles. libxlsxwriter calls the horizontal axis x in every chart type, so in a bar
    /// chart x is the value axis and y the category axis.
    package func axisNames(x: String?, y: String?) {
        if let x, let axis = pointer.pointee.x_axis { chart_axis_set_name(axis, workbook.retain(x)) }
        if let y, let axis = pointer.pointee.y_axis { chart_axis_set_name(axis, workbook.retain(y)) }
    }

    /// Categories from the top down in a bar chart (first row of the range at the top), as a
    /// ranked list reads. In a bar chart the category axis is the vertical one.
    package func reverseCategories() {
        if let axis = pointer.pointee.y_axis { chart_axis_set_reverse(axis) }
    }

    package func legend(_ position: LegendPosition) {
        switch position {
        case .none: chart_legend_set_position(pointer, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        case .bottom: chart_legend_set_position(pointer, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        case .right: chart_legend_set_position(pointer, UInt8(LXW_CHART_LEGEND_RIGHT.rawValue))
        }
    }

    package enum LegendPosition { case none, bottom, right }
}
