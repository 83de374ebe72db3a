import CXLSXWriter

/// A cell style described by value, so the same look is made once per workbook
/// (`Workbook.format(_:)` caches the libxlsxwriter format behind each distinct style).
package struct Style: Hashable, Sendable {
    package enum Align: Hashable, Sendable { case general, left, center, right }
    package enum VerticalAlign: Hashable, Sendable { case top, center, bottom }

    package var bold = false
    package var fontSize: Double? = nil
    package var fontColor: UInt32? = nil
    package var background: UInt32? = nil
    package var numberFormat: String? = nil
    package var align: Align = .general
    package var verticalAlign: VerticalAlign = .center
    package var wrap = false
    package var border = false

    package init(bold: Bool = false, fontSize: Double? = nil, fontColor: UInt32? = nil,
                background: UInt32? = nil, numberFormat: String? = nil, align: Align = .general,
                verticalAlign: VerticalAlign = .center, wrap: Bool = false, border: Bool = false) {
        self.bold = bold
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.background = background
        self.numberFormat = numberFormat
        self.align = align
        self.verticalAlign = verticalAlign
        self.wrap = wrap
        self.border = border
    }

    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(format) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if let fontColor { format_set_font_color(format, lxw_color_t(fontColor)) }
        if let background {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(background))
        }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        switch align {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        switch verticalAlign {
        case .top: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
        }
        if wrap { format_set_text_wrap(format) }
        if border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
    }
}

/// A format made by one workbook; valid until that workbook is closed. (Sendable only so
/// `Format.none` can be a constant: a format is used on its workbook's thread.)
package struct Format: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<lxw_format>?
    /// No format: the cell takes the column's or the default style.
    package static let none = Format(pointer: nil)
}
