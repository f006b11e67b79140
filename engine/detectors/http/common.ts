// What the http_analyzer detections share: the module name (as in `modules.disable`).
export const HTTP_ANALYZER = 'http_analyzer';
