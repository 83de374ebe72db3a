/// The page's only style sheet, inline (the CSP allows nothing else): system fonts, tables that
/// scroll sideways inside their box on a phone, and A4 print.
enum PageStyle {
    static let css = """
    :root{--red:#c62828;--orange:#e65100;--green:#2e7d32;--grey:#616161;--line:#d0d7de;--ink:#1f2328}
    *{box-sizing:border-box}
    body{margin:0;font-family:system-ui,-apple-system,"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;color:var(--ink);background:#fff;line-height:1.5;font-size:15px}
    header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}
    header{padding-top:12px;border-bottom:2px solid var(--line)}
    h1{font-size:1.35rem;margin:.4em 0}
    h2{font-size:1.15rem;margin:1.4em 0 .5em;padding-bottom:.2em;border-bottom:1px solid var(--line)}
    h3{font-size:1rem;margin:1em 0 .4em}
    .facts{display:flex;flex-wrap:wrap;gap:4px 28px;margin:.5em 0}
    .facts div{display:flex;gap:8px}
    .facts dt{color:var(--grey);white-space:nowrap}
    .facts dd{margin:0;font-weight:600}
    .downloads a{font-weight:600}
    nav{display:flex;flex-wrap:wrap;gap:4px 14px;padding:6px 0 10px}
    a{color:#0b57d0}
    .st{display:inline-block;padding:0 .5em;border-radius:3px;font-size:.85em;font-weight:600;white-space:nowrap;border:1px solid}
    .st-missing{color:#fff;background:var(--red);border-color:var(--red)}
    .st-unreadable{color:#fff;background:#ad1457;border-color:#ad1457}
    .st-late{color:#fff;background:var(--orange);border-color:var(--orange)}
    .st-dateUnknown{color:#5d4037;background:#ffe082;border-color:#f9a825}
    .st-pending{color:var(--grey);background:#eee;border-color:#bdbdbd}
    .st-onTime{color:var(--green);background:#e8f5e9;border-color:#81c784}
    .sev{font-size:.85em;font-weight:600;padding:0 .35em;border-radius:3px}
    .sev-error{color:#fff;background:var(--red)}
    .sev-warning{color:#5d4037;background:#ffe082}
    .town{font-weight:600}
    .code,.muted,.was,.counts,.note{color:var(--grey);font-size:.9em}
    .ok{color:var(--green)}
    .bad{color:var(--red);font-weight:700}
    ol.chase{padding-left:1.6em}
    ol.chase li{margin:.35em 0;padding:.3em .5em;border-left:4px solid var(--line)}
    li.chase-missing,li.chase-unreadable{border-left-color:var(--red)!important}
    li.chase-late,li.chase-dateUnknown{border-left-color:var(--orange)!important}
    .reason{font-size:.92em}
    ul.changes,ul.flags{padding-left:1.2em}
    ul.changes li,ul.flags li{margin:.25em 0;overflow-wrap:anywhere}
    .change-counts b{font-size:1.1em}
    .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
    table{border-collapse:collapse;min-width:100%;font-size:.93em}
    th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
    th{background:#f3f5f7;white-space:nowrap}
    td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    table.townships td:nth-child(3),table.townships td:nth-child(4){white-space:nowrap}
    tr.row-missing td:first-child,tr.row-unreadable td:first-child{border-left:4px solid var(--red)}
    tr.row-late td:first-child,tr.row-dateUnknown td:first-child{border-left:4px solid var(--orange)}
    details{margin:.4em 0;border:1px solid var(--line);border-radius:4px;padding:.2em .6em}
    summary{cursor:pointer;padding:.2em 0}
    code{font-size:.85em;background:#f3f5f7;padding:0 .3em;border-radius:3px;overflow-wrap:anywhere}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:16px}
    figure.chart{margin:0;border:1px solid var(--line);border-radius:4px;padding:8px}
    figcaption{font-weight:600;font-size:.95em;margin-bottom:4px}
    svg{width:100%;height:auto;display:block}
    svg text{font-family:inherit;font-size:13px;fill:var(--ink)}
    svg .lbl{font-size:14px}
    svg .val{font-size:13px;font-weight:600}
    svg .tick{font-size:12px;fill:var(--grey)}
    svg .axis{stroke:#9e9e9e;stroke-width:1}
    svg .deadline{stroke:var(--red);stroke-width:1.5;stroke-dasharray:4 3}
    footer{margin-top:2em;padding:12px 16px 24px;color:var(--grey);font-size:.85em;border-top:1px solid var(--line)}
    @media (max-width:600px){
      body{font-size:14px}
      header,main,footer{padding-left:10px;padding-right:10px}
      h1{font-size:1.15rem}
      .facts{gap:2px 16px}
      .charts{grid-template-columns:1fr}
      th,td{padding:3px 6px}
    }
    @media print{
      @page{size:A4;margin:12mm}
      body{font-size:10.5pt}
      header,main,footer{max-width:none;padding:0}
      nav,.downloads{display:none}
      .scroll{overflow:visible}
      table{font-size:9pt}
      tr,li,figure{break-inside:avoid}
      h2{break-after:avoid}
      .charts{grid-template-columns:1fr 1fr}
      .st,.sev,svg rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}
      a{color:inherit;text-decoration:none}
      details::details-content{content-visibility:visible;display:block}
    }

    """
}
