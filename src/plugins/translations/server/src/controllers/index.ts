import translations from './translations';

const controllers: { translations: typeof translations } = { translations };

export default controllers;
