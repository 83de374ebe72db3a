import XLSX

/// The workbook's looks, made once per workbook.
struct Styles {
    let title, subtitle, header, headerLeft, label, labelCenter, count, amount, text, wrapText, date, note: Format
    let coverageHeader, coverage, totalLabel, totalCount, totalAmount, bold: Format
    let red, orange, grey, green: Format
    let percent, share, score: Format

    static let countFormat = "#,##0"
    static let amountFormat = "#,##0.00##"

    init(_ wb: Workbook) {
        title = wb.format(Style(bold: true, fontSize: 14, verticalAlign: .center))
        subtitle = wb.format(Style(fontColor: 0x595959, verticalAlign: .center))
        header = wb.format(Style(bold: true, background: 0xDDEBF7, align: .center, wrap: true, border: true))
        headerLeft = wb.format(Style(bold: true, background: 0xDDEBF7, align: .left, wrap: true, border: true))
        label = wb.format(Style(align: .left, wrap: true, border: true))
        labelCenter = wb.format(Style(align: .center, wrap: true, border: true))
        count = wb.format(Style(numberFormat: Styles.countFormat, align: .center, border: true))
        amount = wb.format(Style(numberFormat: Styles.amountFormat, align: .center, border: true))
        text = wb.format(Style(align: .left, border: true))
        wrapText = wb.format(Style(align: .left, verticalAlign: .top, wrap: true, border: true))
        date = wb.format(Style(align: .center, border: true))
        note = wb.format(Style(fontColor: 0x595959, verticalAlign: .top, wrap: true))
        coverageHeader = wb.format(Style(fontColor: 0x595959, background: 0xF2F2F2, align: .center, wrap: true, border: true))
        coverage = wb.format(Style(fontColor: 0x595959, background: 0xF2F2F2, numberFormat: "0", align: .center, border: true))
        totalLabel = wb.format(Style(bold: true, background: 0xFFF2CC, align: .left, border: true))
        totalCount = wb.format(Style(bold: true, background: 0xFFF2CC, numberFormat: Styles.countFormat, align: .center, border: true))
        totalAmount = wb.format(Style(bold: true, background: 0xFFF2CC, numberFormat: Styles.amountFormat, align: .center, border: true))
        bold = wb.format(Style(bold: true))
        red = wb.format(Style(fontColor: 0x9C0006, background: 0xFFC7CE))
        orange = wb.format(Style(fontColor: 0x9C5700, background: 0xFFD8A8))
        grey = wb.format(Style(fontColor: 0x404040, background: 0xD9D9D9))
        green = wb.format(Style(fontColor: 0x006100, background: 0xC6EFCE))
        percent = wb.format(Style(numberFormat: "+0.0%;-0.0%;0.0%", align: .center, border: true))
        score = wb.format(Style(numberFormat: "0.00", align: .center, border: true))
        share = wb.format(Style(numberFormat: "0.0%", align: .center, border: true))
    }
}

/// Column width that fits text: CJK characters take about two Latin widths.
func displayWidth(_ s: String) -> Double {
    var w = 0.0
    for u in s.unicodeScalars { w += u.value >= 0x2E80 ? 2.1 : 1.1 }
    return w
}
