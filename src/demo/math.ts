/**
 * Math functions as module bindings. The generator calls them tens of millions of times, and
 * a global lookup of `Math` is about twenty times slower inside jest's vm sandbox than a
 * binding, which made the tests of the small dataset slow.
 */
export const { abs, cos, exp, floor, imul, log, max, min, PI, round, sqrt } = Math;
