/** natural's Porter stemmer, imported by its own path (the package's main entry loads database clients). */
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const porter: { stem(word: string): string };
  export default porter;
}
