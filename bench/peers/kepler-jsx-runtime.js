// kepler.gl's UMD bundle asks for the module "react/jsx-runtime", which React 18 ships only as
// CommonJS. Its three functions are React.createElement with the key passed apart, so they are
// provided here on the global the bundle looks the module up by.
'use strict';

(function () {
  function jsx(type, props, key) {
    return key === undefined ? React.createElement(type, props) : React.createElement(type, Object.assign({}, props, {key}));
  }
  window['react/jsx-runtime'] = {jsx, jsxs: jsx, Fragment: React.Fragment};
})();
