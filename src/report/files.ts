/** File names of the report, apart from the code that renders it (which loads vega, so is loaded lazily). */

/** File name of the report inside the output folder. */
export const REPORT_FILE = 'report.html';
