// `npm run lint:docs`: every relative link and image in the Markdown files must point to a file
// (and heading) that exists. Offline: links to other sites are not fetched.
import remarkValidateLinks from 'remark-validate-links';

export default {
  plugins: [[remarkValidateLinks, { repository: false }]],
};
