import release from './release';

const controllers: { release: typeof release } = { release };

export default controllers;
