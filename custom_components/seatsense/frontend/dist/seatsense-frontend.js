var Le=Object.defineProperty;var Oe=Object.getOwnPropertyDescriptor;var p=(n,s,t,e)=>{for(var i=e>1?void 0:e?Oe(s,t):s,r=n.length-1,o;r>=0;r--)(o=n[r])&&(i=(e?o(s,t,i):o(i))||i);return e&&i&&Le(s,t,i),i};var tt=globalThis,et=tt.ShadowRoot&&(tt.ShadyCSS===void 0||tt.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,vt=Symbol(),Bt=new WeakMap,B=class{constructor(s,t,e){if(this._$cssResult$=!0,e!==vt)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=s,this.t=t}get styleSheet(){let s=this.o,t=this.t;if(et&&s===void 0){let e=t!==void 0&&t.length===1;e&&(s=Bt.get(t)),s===void 0&&((this.o=s=new CSSStyleSheet).replaceSync(this.cssText),e&&Bt.set(t,s))}return s}toString(){return this.cssText}},x=n=>new B(typeof n=="string"?n:n+"",void 0,vt),P=(n,...s)=>{let t=n.length===1?n[0]:s.reduce((e,i,r)=>e+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+n[r+1],n[0]);return new B(t,n,vt)},Vt=(n,s)=>{if(et)n.adoptedStyleSheets=s.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of s){let e=document.createElement("style"),i=tt.litNonce;i!==void 0&&e.setAttribute("nonce",i),e.textContent=t.cssText,n.appendChild(e)}},bt=et?n=>n:n=>n instanceof CSSStyleSheet?(s=>{let t="";for(let e of s.cssRules)t+=e.cssText;return x(t)})(n):n;var{is:He,defineProperty:Ue,getOwnPropertyDescriptor:De,getOwnPropertyNames:Ne,getOwnPropertySymbols:ze,getPrototypeOf:je}=Object,st=globalThis,Kt=st.trustedTypes,Fe=Kt?Kt.emptyScript:"",Be=st.reactiveElementPolyfillSupport,V=(n,s)=>n,K={toAttribute(n,s){switch(s){case Boolean:n=n?Fe:null;break;case Object:case Array:n=n==null?n:JSON.stringify(n)}return n},fromAttribute(n,s){let t=n;switch(s){case Boolean:t=n!==null;break;case Number:t=n===null?null:Number(n);break;case Object:case Array:try{t=JSON.parse(n)}catch{t=null}}return t}},it=(n,s)=>!He(n,s),qt={attribute:!0,type:String,converter:K,reflect:!1,useDefault:!1,hasChanged:it};Symbol.metadata??=Symbol("metadata"),st.litPropertyMetadata??=new WeakMap;var E=class extends HTMLElement{static addInitializer(s){this._$Ei(),(this.l??=[]).push(s)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(s,t=qt){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(s)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(s,t),!t.noAccessor){let e=Symbol(),i=this.getPropertyDescriptor(s,e,t);i!==void 0&&Ue(this.prototype,s,i)}}static getPropertyDescriptor(s,t,e){let{get:i,set:r}=De(this.prototype,s)??{get(){return this[t]},set(o){this[t]=o}};return{get:i,set(o){let l=i?.call(this);r?.call(this,o),this.requestUpdate(s,l,e)},configurable:!0,enumerable:!0}}static getPropertyOptions(s){return this.elementProperties.get(s)??qt}static _$Ei(){if(this.hasOwnProperty(V("elementProperties")))return;let s=je(this);s.finalize(),s.l!==void 0&&(this.l=[...s.l]),this.elementProperties=new Map(s.elementProperties)}static finalize(){if(this.hasOwnProperty(V("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(V("properties"))){let t=this.properties,e=[...Ne(t),...ze(t)];for(let i of e)this.createProperty(i,t[i])}let s=this[Symbol.metadata];if(s!==null){let t=litPropertyMetadata.get(s);if(t!==void 0)for(let[e,i]of t)this.elementProperties.set(e,i)}this._$Eh=new Map;for(let[t,e]of this.elementProperties){let i=this._$Eu(t,e);i!==void 0&&this._$Eh.set(i,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(s){let t=[];if(Array.isArray(s)){let e=new Set(s.flat(1/0).reverse());for(let i of e)t.unshift(bt(i))}else s!==void 0&&t.push(bt(s));return t}static _$Eu(s,t){let e=t.attribute;return e===!1?void 0:typeof e=="string"?e:typeof s=="string"?s.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(s=>this.enableUpdating=s),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(s=>s(this))}addController(s){(this._$EO??=new Set).add(s),this.renderRoot!==void 0&&this.isConnected&&s.hostConnected?.()}removeController(s){this._$EO?.delete(s)}_$E_(){let s=new Map,t=this.constructor.elementProperties;for(let e of t.keys())this.hasOwnProperty(e)&&(s.set(e,this[e]),delete this[e]);s.size>0&&(this._$Ep=s)}createRenderRoot(){let s=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Vt(s,this.constructor.elementStyles),s}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(s=>s.hostConnected?.())}enableUpdating(s){}disconnectedCallback(){this._$EO?.forEach(s=>s.hostDisconnected?.())}attributeChangedCallback(s,t,e){this._$AK(s,e)}_$ET(s,t){let e=this.constructor.elementProperties.get(s),i=this.constructor._$Eu(s,e);if(i!==void 0&&e.reflect===!0){let r=(e.converter?.toAttribute!==void 0?e.converter:K).toAttribute(t,e.type);this._$Em=s,r==null?this.removeAttribute(i):this.setAttribute(i,r),this._$Em=null}}_$AK(s,t){let e=this.constructor,i=e._$Eh.get(s);if(i!==void 0&&this._$Em!==i){let r=e.getPropertyOptions(i),o=typeof r.converter=="function"?{fromAttribute:r.converter}:r.converter?.fromAttribute!==void 0?r.converter:K;this._$Em=i;let l=o.fromAttribute(t,r.type);this[i]=l??this._$Ej?.get(i)??l,this._$Em=null}}requestUpdate(s,t,e,i=!1,r){if(s!==void 0){let o=this.constructor;if(i===!1&&(r=this[s]),e??=o.getPropertyOptions(s),!((e.hasChanged??it)(r,t)||e.useDefault&&e.reflect&&r===this._$Ej?.get(s)&&!this.hasAttribute(o._$Eu(s,e))))return;this.C(s,t,e)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(s,t,{useDefault:e,reflect:i,wrapped:r},o){e&&!(this._$Ej??=new Map).has(s)&&(this._$Ej.set(s,o??t??this[s]),r!==!0||o!==void 0)||(this._$AL.has(s)||(this.hasUpdated||e||(t=void 0),this._$AL.set(s,t)),i===!0&&this._$Em!==s&&(this._$Eq??=new Set).add(s))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let s=this.scheduleUpdate();return s!=null&&await s,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[i,r]of this._$Ep)this[i]=r;this._$Ep=void 0}let e=this.constructor.elementProperties;if(e.size>0)for(let[i,r]of e){let{wrapped:o}=r,l=this[i];o!==!0||this._$AL.has(i)||l===void 0||this.C(i,void 0,r,l)}}let s=!1,t=this._$AL;try{s=this.shouldUpdate(t),s?(this.willUpdate(t),this._$EO?.forEach(e=>e.hostUpdate?.()),this.update(t)):this._$EM()}catch(e){throw s=!1,this._$EM(),e}s&&this._$AE(t)}willUpdate(s){}_$AE(s){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(s)),this.updated(s)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(s){return!0}update(s){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(s){}firstUpdated(s){}};E.elementStyles=[],E.shadowRootOptions={mode:"open"},E[V("elementProperties")]=new Map,E[V("finalized")]=new Map,Be?.({ReactiveElement:E}),(st.reactiveElementVersions??=[]).push("2.1.2");var At=globalThis,Wt=n=>n,nt=At.trustedTypes,Jt=nt?nt.createPolicy("lit-html",{createHTML:n=>n}):void 0,te="$lit$",M=`lit$${Math.random().toFixed(9).slice(2)}$`,ee="?"+M,Ve=`<${ee}>`,H=document,W=()=>H.createComment(""),J=n=>n===null||typeof n!="object"&&typeof n!="function",Pt=Array.isArray,Ke=n=>Pt(n)||typeof n?.[Symbol.iterator]=="function",$t=`[ 	
\f\r]`,q=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Zt=/-->/g,Gt=/>/g,L=RegExp(`>|${$t}(?:([^\\s"'>=/]+)(${$t}*=${$t}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Xt=/'/g,Yt=/"/g,se=/^(?:script|style|textarea|title)$/i,Et=n=>(s,...t)=>({_$litType$:n,strings:s,values:t}),h=Et(1),k=Et(2),Es=Et(3),U=Symbol.for("lit-noChange"),u=Symbol.for("lit-nothing"),Qt=new WeakMap,O=H.createTreeWalker(H,129);function ie(n,s){if(!Pt(n)||!n.hasOwnProperty("raw"))throw Error("invalid template strings array");return Jt!==void 0?Jt.createHTML(s):s}var qe=(n,s)=>{let t=n.length-1,e=[],i,r=s===2?"<svg>":s===3?"<math>":"",o=q;for(let l=0;l<t;l++){let a=n[l],c,d,f=-1,g=0;for(;g<a.length&&(o.lastIndex=g,d=o.exec(a),d!==null);)g=o.lastIndex,o===q?d[1]==="!--"?o=Zt:d[1]!==void 0?o=Gt:d[2]!==void 0?(se.test(d[2])&&(i=RegExp("</"+d[2],"g")),o=L):d[3]!==void 0&&(o=L):o===L?d[0]===">"?(o=i??q,f=-1):d[1]===void 0?f=-2:(f=o.lastIndex-d[2].length,c=d[1],o=d[3]===void 0?L:d[3]==='"'?Yt:Xt):o===Yt||o===Xt?o=L:o===Zt||o===Gt?o=q:(o=L,i=void 0);let $=o===L&&n[l+1].startsWith("/>")?" ":"";r+=o===q?a+Ve:f>=0?(e.push(c),a.slice(0,f)+te+a.slice(f)+M+$):a+M+(f===-2?l:$)}return[ie(n,r+(n[t]||"<?>")+(s===2?"</svg>":s===3?"</math>":"")),e]},Z=class n{constructor({strings:s,_$litType$:t},e){let i;this.parts=[];let r=0,o=0,l=s.length-1,a=this.parts,[c,d]=qe(s,t);if(this.el=n.createElement(c,e),O.currentNode=this.el.content,t===2||t===3){let f=this.el.content.firstChild;f.replaceWith(...f.childNodes)}for(;(i=O.nextNode())!==null&&a.length<l;){if(i.nodeType===1){if(i.hasAttributes())for(let f of i.getAttributeNames())if(f.endsWith(te)){let g=d[o++],$=i.getAttribute(f).split(M),A=/([.?@])?(.*)/.exec(g);a.push({type:1,index:r,name:A[2],strings:$,ctor:A[1]==="."?xt:A[1]==="?"?wt:A[1]==="@"?St:j}),i.removeAttribute(f)}else f.startsWith(M)&&(a.push({type:6,index:r}),i.removeAttribute(f));if(se.test(i.tagName)){let f=i.textContent.split(M),g=f.length-1;if(g>0){i.textContent=nt?nt.emptyScript:"";for(let $=0;$<g;$++)i.append(f[$],W()),O.nextNode(),a.push({type:2,index:++r});i.append(f[g],W())}}}else if(i.nodeType===8)if(i.data===ee)a.push({type:2,index:r});else{let f=-1;for(;(f=i.data.indexOf(M,f+1))!==-1;)a.push({type:7,index:r}),f+=M.length-1}r++}}static createElement(s,t){let e=H.createElement("template");return e.innerHTML=s,e}};function z(n,s,t=n,e){if(s===U)return s;let i=e!==void 0?t._$Co?.[e]:t._$Cl,r=J(s)?void 0:s._$litDirective$;return i?.constructor!==r&&(i?._$AO?.(!1),r===void 0?i=void 0:(i=new r(n),i._$AT(n,t,e)),e!==void 0?(t._$Co??=[])[e]=i:t._$Cl=i),i!==void 0&&(s=z(n,i._$AS(n,s.values),i,e)),s}var _t=class{constructor(s,t){this._$AV=[],this._$AN=void 0,this._$AD=s,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(s){let{el:{content:t},parts:e}=this._$AD,i=(s?.creationScope??H).importNode(t,!0);O.currentNode=i;let r=O.nextNode(),o=0,l=0,a=e[0];for(;a!==void 0;){if(o===a.index){let c;a.type===2?c=new G(r,r.nextSibling,this,s):a.type===1?c=new a.ctor(r,a.name,a.strings,this,s):a.type===6&&(c=new kt(r,this,s)),this._$AV.push(c),a=e[++l]}o!==a?.index&&(r=O.nextNode(),o++)}return O.currentNode=H,i}p(s){let t=0;for(let e of this._$AV)e!==void 0&&(e.strings!==void 0?(e._$AI(s,e,t),t+=e.strings.length-2):e._$AI(s[t])),t++}},G=class n{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(s,t,e,i){this.type=2,this._$AH=u,this._$AN=void 0,this._$AA=s,this._$AB=t,this._$AM=e,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let s=this._$AA.parentNode,t=this._$AM;return t!==void 0&&s?.nodeType===11&&(s=t.parentNode),s}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(s,t=this){s=z(this,s,t),J(s)?s===u||s==null||s===""?(this._$AH!==u&&this._$AR(),this._$AH=u):s!==this._$AH&&s!==U&&this._(s):s._$litType$!==void 0?this.$(s):s.nodeType!==void 0?this.T(s):Ke(s)?this.k(s):this._(s)}O(s){return this._$AA.parentNode.insertBefore(s,this._$AB)}T(s){this._$AH!==s&&(this._$AR(),this._$AH=this.O(s))}_(s){this._$AH!==u&&J(this._$AH)?this._$AA.nextSibling.data=s:this.T(H.createTextNode(s)),this._$AH=s}$(s){let{values:t,_$litType$:e}=s,i=typeof e=="number"?this._$AC(s):(e.el===void 0&&(e.el=Z.createElement(ie(e.h,e.h[0]),this.options)),e);if(this._$AH?._$AD===i)this._$AH.p(t);else{let r=new _t(i,this),o=r.u(this.options);r.p(t),this.T(o),this._$AH=r}}_$AC(s){let t=Qt.get(s.strings);return t===void 0&&Qt.set(s.strings,t=new Z(s)),t}k(s){Pt(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,e,i=0;for(let r of s)i===t.length?t.push(e=new n(this.O(W()),this.O(W()),this,this.options)):e=t[i],e._$AI(r),i++;i<t.length&&(this._$AR(e&&e._$AB.nextSibling,i),t.length=i)}_$AR(s=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);s!==this._$AB;){let e=Wt(s).nextSibling;Wt(s).remove(),s=e}}setConnected(s){this._$AM===void 0&&(this._$Cv=s,this._$AP?.(s))}},j=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(s,t,e,i,r){this.type=1,this._$AH=u,this._$AN=void 0,this.element=s,this.name=t,this._$AM=i,this.options=r,e.length>2||e[0]!==""||e[1]!==""?(this._$AH=Array(e.length-1).fill(new String),this.strings=e):this._$AH=u}_$AI(s,t=this,e,i){let r=this.strings,o=!1;if(r===void 0)s=z(this,s,t,0),o=!J(s)||s!==this._$AH&&s!==U,o&&(this._$AH=s);else{let l=s,a,c;for(s=r[0],a=0;a<r.length-1;a++)c=z(this,l[e+a],t,a),c===U&&(c=this._$AH[a]),o||=!J(c)||c!==this._$AH[a],c===u?s=u:s!==u&&(s+=(c??"")+r[a+1]),this._$AH[a]=c}o&&!i&&this.j(s)}j(s){s===u?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,s??"")}},xt=class extends j{constructor(){super(...arguments),this.type=3}j(s){this.element[this.name]=s===u?void 0:s}},wt=class extends j{constructor(){super(...arguments),this.type=4}j(s){this.element.toggleAttribute(this.name,!!s&&s!==u)}},St=class extends j{constructor(s,t,e,i,r){super(s,t,e,i,r),this.type=5}_$AI(s,t=this){if((s=z(this,s,t,0)??u)===U)return;let e=this._$AH,i=s===u&&e!==u||s.capture!==e.capture||s.once!==e.once||s.passive!==e.passive,r=s!==u&&(e===u||i);i&&this.element.removeEventListener(this.name,this,e),r&&this.element.addEventListener(this.name,this,s),this._$AH=s}handleEvent(s){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,s):this._$AH.handleEvent(s)}},kt=class{constructor(s,t,e){this.element=s,this.type=6,this._$AN=void 0,this._$AM=t,this.options=e}get _$AU(){return this._$AM._$AU}_$AI(s){z(this,s)}};var We=At.litHtmlPolyfillSupport;We?.(Z,G),(At.litHtmlVersions??=[]).push("3.3.3");var ne=(n,s,t)=>{let e=t?.renderBefore??s,i=e._$litPart$;if(i===void 0){let r=t?.renderBefore??null;e._$litPart$=i=new G(s.insertBefore(W(),r),r,void 0,t??{})}return i._$AI(n),i};var Mt=globalThis,_=class extends E{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let s=super.createRenderRoot();return this.renderOptions.renderBefore??=s.firstChild,s}update(s){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(s),this._$Do=ne(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return U}};_._$litElement$=!0,_.finalized=!0,Mt.litElementHydrateSupport?.({LitElement:_});var Je=Mt.litElementPolyfillSupport;Je?.({LitElement:_});(Mt.litElementVersions??=[]).push("4.2.2");var Ze={attribute:!0,type:String,converter:K,reflect:!1,hasChanged:it},Ge=(n=Ze,s,t)=>{let{kind:e,metadata:i}=t,r=globalThis.litPropertyMetadata.get(i);if(r===void 0&&globalThis.litPropertyMetadata.set(i,r=new Map),e==="setter"&&((n=Object.create(n)).wrapped=!0),r.set(t.name,n),e==="accessor"){let{name:o}=t;return{set(l){let a=s.get.call(this);s.set.call(this,l),this.requestUpdate(o,a,n,!0,l)},init(l){return l!==void 0&&this.C(o,void 0,n,l),l}}}if(e==="setter"){let{name:o}=t;return function(l){let a=this[o];s.call(this,l),this.requestUpdate(o,a,n,!0,l)}}throw Error("Unsupported decorator location: "+e)};function S(n){return(s,t)=>typeof t=="object"?Ge(n,s,t):((e,i,r)=>{let o=i.hasOwnProperty(r);return i.constructor.createProperty(r,e),o?Object.getOwnPropertyDescriptor(i,r):void 0})(n,s,t)}function m(n){return S({...n,state:!0,attribute:!1})}var D=(n,s,t)=>(t.configurable=!0,t.enumerable=!0,Reflect.decorate&&typeof s!="object"&&Object.defineProperty(n,s,t),t);function rt(n,s){return(t,e,i)=>{let r=o=>o.renderRoot?.querySelector(n)??null;if(s){let{get:o,set:l}=typeof e=="object"?t:i??(()=>{let a=Symbol();return{get(){return this[a]},set(c){this[a]=c}}})();return D(t,e,{get(){let a=o.call(this);return a===void 0&&(a=r(this),(a!==null||this.hasUpdated)&&l.call(this,a)),a}})}return D(t,e,{get(){return r(this)}})}}function C(n){return n.callWS({type:"seatsense/layout"})}async function ot(n,s,t){let e=await n.callWS({type:"seatsense/frame",entry_id:s,camera_id:t}),i=Uint8Array.from(atob(e.image),o=>o.charCodeAt(0));return{url:URL.createObjectURL(new Blob([i],{type:e.content_type})),blurred:e.blurred}}function re(n,s,t,e){return n.callWS({type:"seatsense/save_layout",entry_id:s,camera_id:t,seats:e.map(i=>({id:i.id,polygon:i.polygon.map(r=>[r[0],r[1]])}))})}function oe(n,s,t){for(let e of n?.sites??[]){if(s&&e.entry_id!==s)continue;let i=e.cameras.find(r=>r.camera_id===t);if(i)return{site:e,camera:i}}}function I(n){return n&&typeof n=="object"&&"message"in n?String(n.message):String(n)}async function at(n,s){let t=await n.callWS({type:"seatsense/floor_plan",entry_id:s}),e=Uint8Array.from(atob(t.image),r=>r.charCodeAt(0));return{url:URL.createObjectURL(new Blob([e],{type:t.content_type})),width:t.width,height:t.height,seats:t.seats}}function ae(n,s,t){return n.callWS({type:"seatsense/floor_plan/upload",entry_id:s,image:t})}function le(n,s,t){let e=Object.entries(t).flatMap(([i,r])=>Object.entries(r).map(([o,l])=>({camera_id:i,seat_id:o,points:l})));return n.callWS({type:"seatsense/floor_plan/place_seats",entry_id:s,seats:e})}function Ct(n,s,t){if(n.length!==1)return n.map(([o,l])=>[o*s,l*t]);let[e,i]=[n[0][0]*s,n[0][1]*t],r=.05*Math.min(s,t)/2;return Array.from({length:8},(o,l)=>{let a=Math.PI/4*l+Math.PI/8;return[e+r*Math.cos(a),i+r*Math.sin(a)]})}function It(n,s){return n.cameras.flatMap(t=>t.seats.flatMap(e=>{let i=s.seats[t.camera_id]?.[e.id];return i?.length?[{...e,polygon:Ct(i,s.width,s.height)}]:[]}))}function ce(n,s,t=.01){let e=a=>Math.min(1,Math.max(0,a)),[i,r]=[e(Math.min(n[0],s[0])),e(Math.min(n[1],s[1]))],[o,l]=[e(Math.max(n[0],s[0])),e(Math.max(n[1],s[1]))];return o-i<t||l-r<t?[[e(s[0]),e(s[1])]]:[[i,r],[o,r],[o,l],[i,l]]}function v(n,s,t){return(s[0]-n[0])*(t[1]-n[1])-(s[1]-n[1])*(t[0]-n[0])}function Tt(n){let s=0;for(let t=0;t<n.length;t++){let[e,i]=n[t],[r,o]=n[(t+1)%n.length];s+=e*o-r*i}return s}function Rt(n){return Math.abs(Tt(n))/2}function F(n){let s=Tt(n);if(Math.abs(s)<1e-9){let i=Math.max(n.length,1),r=n.reduce((l,a)=>l+a[0],0),o=n.reduce((l,a)=>l+a[1],0);return[r/i,o/i]}let t=0,e=0;for(let i=0;i<n.length;i++){let[r,o]=n[i],[l,a]=n[(i+1)%n.length],c=r*a-l*o;t+=(r+l)*c,e+=(o+a)*c}return[t/(3*s),e/(3*s)]}function ct(n){let s=n.map(e=>e[0]),t=n.map(e=>e[1]);return[Math.min(...s),Math.min(...t),Math.max(...s),Math.max(...t)]}function he(n,s,t){return n.map(([e,i])=>[e+s,i+t])}function Xe(n,s){let[t,e]=n,i=!1;for(let r=0,o=s.length-1;r<s.length;o=r++){let[l,a]=s[r],[c,d]=s[o];a>e!=d>e&&t<(c-l)*(e-a)/(d-a)+l&&(i=!i)}return i}function Lt(n,s){for(let t=n.length-1;t>=0;t--)if(Xe(s,n[t].polygon))return t;return-1}function dt(n,s,t){let e=null;return n.forEach((i,r)=>{i.polygon.forEach((o,l)=>{let a=Math.hypot(o[0]-s[0],o[1]-s[1]);a<=t&&(e===null||a<e.distance)&&(e={seat:r,corner:l,distance:a})})}),e}function Ye(n,s,t){let e=t[0]-s[0],i=t[1]-s[1],r=e*e+i*i;if(r===0)return s;let o=Math.max(0,Math.min(1,((n[0]-s[0])*e+(n[1]-s[1])*i)/r));return[s[0]+o*e,s[1]+o*i]}function Ot(n,s,t){let e=null;return n.forEach((i,r)=>{let o=i.polygon;o.forEach((l,a)=>{let c=Ye(s,l,o[(a+1)%o.length]),d=Math.hypot(c[0]-s[0],c[1]-s[1]);d<=t&&(e===null||d<e.distance)&&(e={seat:r,edge:a,point:c,distance:d})})}),e}function lt(n,s,t){return Math.min(s[0],t[0])<=n[0]&&n[0]<=Math.max(s[0],t[0])&&Math.min(s[1],t[1])<=n[1]&&n[1]<=Math.max(s[1],t[1])}function Qe(n,s,t,e){let i=Math.sign(v(t,e,n)),r=Math.sign(v(t,e,s)),o=Math.sign(v(n,s,t)),l=Math.sign(v(n,s,e));return i*r<0&&o*l<0?!0:i===0&&lt(n,t,e)||r===0&&lt(s,t,e)||o===0&&lt(t,n,s)||l===0&&lt(e,n,s)}function pe(n){let s=[];for(let t of n){let e=s[s.length-1];(!e||e[0]!==t[0]||e[1]!==t[1])&&s.push(t)}for(;s.length>1&&s[0][0]===s[s.length-1][0]&&s[0][1]===s[s.length-1][1];)s.pop();return s}function ts(n){let s=pe(n),t=s.length;if(t<3)return!1;for(let e=0;e<t;e++){let i=s[e],r=s[(e+1)%t];for(let o=e+1;o<t;o++){let l=s[o],a=s[(o+1)%t];if(o===e+1){if(v(i,r,a)===0&&(i[0]-r[0])*(a[0]-r[0])+(i[1]-r[1])*(a[1]-r[1])>0)return!1}else if(e===0&&o===t-1){if(v(r,i,l)===0&&(r[0]-i[0])*(l[0]-i[0])+(r[1]-i[1])*(l[1]-i[1])>0)return!1}else if(Qe(i,r,l,a))return!1}}return!0}function es(n,s,t,e){return v(s,t,n)>=0&&v(t,e,n)>=0&&v(e,s,n)>=0}function de(n){let s=pe(n);Tt(s)<0&&(s=[...s].reverse());let t=[],e=[...s],i=e.length*e.length+10;for(;e.length>3&&i-- >0;){let r=!1;for(let o=0;o<e.length;o++){let l=e[(o+e.length-1)%e.length],a=e[o],c=e[(o+1)%e.length],d=v(l,a,c);if(d===0){e.splice(o,1),r=!0;break}if(d<0)continue;if(!e.some(g=>g!==l&&g!==a&&g!==c&&es(g,l,a,c))){t.push([l,a,c]),e.splice(o,1),r=!0;break}}if(!r)break}return e.length===3&&v(e[0],e[1],e[2])>0&&t.push(e),t}function ss(n,s){let t=n;for(let e=0;e<s.length&&t.length>0;e++){let i=s[e],r=s[(e+1)%s.length],o=t;t=[];for(let l=0;l<o.length;l++){let a=o[l],c=o[(l+1)%o.length],d=v(i,r,a)>=0,f=v(i,r,c)>=0;if(d&&t.push(a),d!==f){let g=v(i,r,a),$=v(i,r,c),A=g/(g-$);t.push([a[0]+A*(c[0]-a[0]),a[1]+A*(c[1]-a[1])])}}}return t}function is(n,s){let[t,e,i,r]=ct(n),[o,l,a,c]=ct(s);if(i<=o||a<=t||r<=l||c<=e)return 0;let d=de(n),f=de(s),g=0;for(let $ of d)for(let A of f)g+=Rt(ss($,A));return g}function ns(n){return n.length===0||n.length>64||n!==n.trim()||n.includes(":")||/[\r\n]/.test(n)||n.startsWith("#")?"invalid_id":null}function Ht(n,s,t=[]){let e=new Set(t);e.add(n);let i=/^(.*?)(\d+)$/.exec(n),r=i?i[1]:n,o=i&&i[2].startsWith("0")?i[2].length:0,l=i?Number(i[2]):1,a=[];for(;a.length<s;){l+=1;let c=r+String(l).padStart(o,"0");e.has(c)||(e.add(c),a.push(c))}return a}function ht(n,s,t,e=[]){return t<1?[]:Ht(n.id,t,e).map((r,o)=>{let l=(o+1)/t,a=n.polygon.map(([c,d])=>[Math.round(c+s[0]*l),Math.round(d+s[1]*l)]);return{id:r,polygon:a}})}function rs(n,s,t){return n.length<3?"too_few_points":n.some(([e,i])=>!(e>=0&&e<=s&&i>=0&&i<=t))?"outside_frame":ts(n)?Rt(n)<1?"no_area":null:"self_intersecting"}function ue(n,s,t,e=.5){let i=n.map(()=>[]),r=[];n.forEach((a,c)=>{let d=ns(a.id);d&&i[c].push({code:d});let f=rs(a.polygon,s,t);f&&i[c].push({code:f}),r.push(f===null)});let o=new Map;n.forEach((a,c)=>{let d=o.get(a.id);d===void 0?o.set(a.id,c):(i[c].push({code:"duplicate_id",other:n[d].id}),i[d].some(f=>f.code==="duplicate_id")||i[d].push({code:"duplicate_id",other:a.id}))});let l=n.map(a=>Rt(a.polygon));for(let a=0;a<n.length;a++)for(let c=a+1;c<n.length;c++){if(!r[a]||!r[c])continue;let d=is(n[a].polygon,n[c].polygon)/Math.min(l[a],l[c]);if(d>e){let f=Math.round(d*100);i[a].push({code:"overlap",other:n[c].id,percent:f}),i[c].push({code:"overlap",other:n[a].id,percent:f})}}return i}function Ut(n){return n.length>0&&n.every(s=>s.length===0)}var fe={"state.empty":"Empty","state.occupied":"Occupied","state.away":"Away","state.abandoned":"Hogged","state.unknown":"Unknown",minutes:"{n} min",hogged_for:"Hogged {n} min",offline:"Camera offline",people_blurred:"People blurred",loading:"Loading\u2026",no_frame:"No picture from this camera yet",no_camera:"Pick a site and a camera in the card's settings",camera_gone:"This camera is no longer in any seatsense site",no_plan:"This site has no floor plan yet: upload one in the seat editor","plan.title":"Floor plan","plan.upload":"Upload the site's floor plan (PNG or JPEG, at most 2 MB)","plan.none":"This site has no floor plan yet.","plan.hint":"Pick a seat, then click its place on the plan or drag a box around it; the next seat without a place is picked for you.","plan.save":"Save places","plan.clear":"Remove place","plan.saved":"Saved the places of {n} seats.","plan.uploaded":"Floor plan uploaded ({width}\xD7{height}).","plan.too_large":"The floor plan is {mb} MB; at most 2 MB.","config.mode":"Show","config.mode_camera":"The camera's picture","config.mode_floor_plan":"The site's floor plan","action.more_info":"Details","action.reset_seat":"Reset seat","action.capture_baseline":"Capture empty-seat reference","action.cancel":"Cancel","action.done":"{action}: done","action.failed":"{action} failed: {error}","config.site":"Site","config.camera":"Camera","config.title":"Title (optional)","config.show_legend":"Show the colour legend","panel.title":"Seat editor","panel.site":"Site","panel.camera":"Camera","panel.no_sites":"No seatsense site yet: add one under Settings \u2192 Devices & services.","panel.blurred":"People are blurred (privacy option on)","panel.no_frame":"No picture from this camera yet: drawing on a blank frame.","panel.annotated":"This server sends its annotated picture: the old seats show in it.","tool.select":"Select","tool.draw":"Draw seat","tool.row":"Copy along a row","tool.copies":"Copies","tool.delete":"Delete","tool.undo":"Undo","tool.redo":"Redo","tool.zoom_in":"Zoom in","tool.zoom_out":"Zoom out","tool.zoom_fit":"Fit","tool.save":"Save","tool.revert":"Discard changes","hint.select":"Drag a seat or a corner to move it. Double-click an edge to add a corner.","hint.draw":"Click each corner. Click the first corner or press Enter to finish; Esc cancels.","hint.row":"Drag from the selected seat to where the last copy goes.","hint.row_pick":"Select the seat to copy first.","hint.keys":"Keys: N draw, V select, R row copy, Del delete, F2 rename, Ctrl+Z / Ctrl+Y undo / redo, + / \u2212 / 0 zoom, Ctrl+S save","seat.id":"Seat id","seat.none":"No seat selected","seats.count":"{n} seats","status.unsaved":"Unsaved changes","status.saved":"Saved {n} seats; the site restarts with them.","status.unchanged":"Nothing changed.","status.saving":"Saving\u2026","status.refused":"Not saved: {reason}","status.fix_first":"Fix the marked seats before saving.","error.too_few_points":"needs at least 3 corners","error.outside_frame":"a corner is outside the picture","error.self_intersecting":"its edges cross","error.no_area":"has no area","error.invalid_id":"id must be 1\u201364 characters, without ':' and not starting with '#' or a space","error.duplicate_id":"the id {other} is used twice","error.overlap":"overlaps {other} by {percent}% (at most {max}%)","error.empty_layout":"A camera needs at least one seat."},os={"state.empty":"\uBE48 \uC88C\uC11D","state.occupied":"\uC0AC\uC6A9 \uC911","state.away":"\uC678\uCD9C","state.abandoned":"\uC790\uB9AC \uB9E1\uAE30","state.unknown":"\uC54C \uC218 \uC5C6\uC74C",minutes:"{n}\uBD84",hogged_for:"\uC790\uB9AC \uB9E1\uAE30 {n}\uBD84",offline:"\uCE74\uBA54\uB77C \uC624\uD504\uB77C\uC778",people_blurred:"\uC0AC\uB78C \uD750\uB9BC \uCC98\uB9AC\uB428",loading:"\uBD88\uB7EC\uC624\uB294 \uC911\u2026",no_frame:"\uC774 \uCE74\uBA54\uB77C\uC758 \uD654\uBA74\uC774 \uC544\uC9C1 \uC5C6\uC2B5\uB2C8\uB2E4",no_camera:"\uCE74\uB4DC \uC124\uC815\uC5D0\uC11C \uC0AC\uC774\uD2B8\uC640 \uCE74\uBA54\uB77C\uB97C \uACE0\uB974\uC138\uC694",camera_gone:"\uC774 \uCE74\uBA54\uB77C\uB294 \uB354 \uC774\uC0C1 seatsense \uC0AC\uC774\uD2B8\uC5D0 \uC5C6\uC2B5\uB2C8\uB2E4",no_plan:"\uC774 \uC0AC\uC774\uD2B8\uC5D0\uB294 \uC544\uC9C1 \uD3C9\uBA74\uB3C4\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4. \uC88C\uC11D \uD3B8\uC9D1\uAE30\uC5D0\uC11C \uC62C\uB9AC\uC138\uC694","plan.title":"\uD3C9\uBA74\uB3C4","plan.upload":"\uC0AC\uC774\uD2B8 \uD3C9\uBA74\uB3C4 \uC62C\uB9AC\uAE30(PNG \uB610\uB294 JPEG, 2 MB \uC774\uD558)","plan.none":"\uC774 \uC0AC\uC774\uD2B8\uC5D0\uB294 \uC544\uC9C1 \uD3C9\uBA74\uB3C4\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4.","plan.hint":"\uC88C\uC11D\uC744 \uACE0\uB978 \uB4A4 \uD3C9\uBA74\uB3C4\uC5D0\uC11C \uADF8 \uC790\uB9AC\uB97C \uD074\uB9AD\uD558\uAC70\uB098 \uB458\uB808\uC5D0 \uC0C1\uC790\uB97C \uB04C\uC5B4 \uADF8\uB9AC\uC138\uC694. \uC704\uCE58\uAC00 \uC5C6\uB294 \uB2E4\uC74C \uC88C\uC11D\uC774 \uC790\uB3D9\uC73C\uB85C \uACE8\uB77C\uC9D1\uB2C8\uB2E4.","plan.save":"\uC704\uCE58 \uC800\uC7A5","plan.clear":"\uC704\uCE58 \uC9C0\uC6B0\uAE30","plan.saved":"\uC88C\uC11D {n}\uAC1C\uC758 \uC704\uCE58\uB97C \uC800\uC7A5\uD588\uC2B5\uB2C8\uB2E4.","plan.uploaded":"\uD3C9\uBA74\uB3C4\uB97C \uC62C\uB838\uC2B5\uB2C8\uB2E4({width}\xD7{height}).","plan.too_large":"\uD3C9\uBA74\uB3C4\uAC00 {mb} MB\uC785\uB2C8\uB2E4. 2 MB \uC774\uD558\uB9CC \uC62C\uB9B4 \uC218 \uC788\uC2B5\uB2C8\uB2E4.","config.mode":"\uD45C\uC2DC","config.mode_camera":"\uCE74\uBA54\uB77C \uD654\uBA74","config.mode_floor_plan":"\uC0AC\uC774\uD2B8 \uD3C9\uBA74\uB3C4","action.more_info":"\uC790\uC138\uD788","action.reset_seat":"\uC88C\uC11D \uCD08\uAE30\uD654","action.capture_baseline":"\uBE48 \uC88C\uC11D \uAE30\uC900 \uD654\uBA74 \uC800\uC7A5","action.cancel":"\uCDE8\uC18C","action.done":"{action}: \uC644\uB8CC","action.failed":"{action} \uC2E4\uD328: {error}","config.site":"\uC0AC\uC774\uD2B8","config.camera":"\uCE74\uBA54\uB77C","config.title":"\uC81C\uBAA9(\uC120\uD0DD)","config.show_legend":"\uC0C9\uC0C1 \uBC94\uB840 \uD45C\uC2DC","panel.title":"\uC88C\uC11D \uD3B8\uC9D1\uAE30","panel.site":"\uC0AC\uC774\uD2B8","panel.camera":"\uCE74\uBA54\uB77C","panel.no_sites":"seatsense \uC0AC\uC774\uD2B8\uAC00 \uC544\uC9C1 \uC5C6\uC2B5\uB2C8\uB2E4. \uC124\uC815 \u2192 \uAE30\uAE30 \uBC0F \uC11C\uBE44\uC2A4\uC5D0\uC11C \uCD94\uAC00\uD558\uC138\uC694.","panel.blurred":"\uC0AC\uB78C\uC774 \uD750\uB9BC \uCC98\uB9AC\uB418\uC5B4 \uC788\uC2B5\uB2C8\uB2E4(\uAC1C\uC778\uC815\uBCF4 \uBCF4\uD638 \uC635\uC158 \uCF1C\uC9D0)","panel.no_frame":"\uC774 \uCE74\uBA54\uB77C\uC758 \uD654\uBA74\uC774 \uC544\uC9C1 \uC5C6\uC5B4 \uBE48 \uD654\uBA74\uC5D0 \uADF8\uB9BD\uB2C8\uB2E4.","panel.annotated":"\uC774 \uC11C\uBC84\uB294 \uC8FC\uC11D\uC774 \uADF8\uB824\uC9C4 \uD654\uBA74\uB9CC \uBCF4\uB0B4\uBBC0\uB85C \uAE30\uC874 \uC88C\uC11D\uC774 \uD568\uAED8 \uBCF4\uC785\uB2C8\uB2E4.","tool.select":"\uC120\uD0DD","tool.draw":"\uC88C\uC11D \uADF8\uB9AC\uAE30","tool.row":"\uC904 \uBCF5\uC0AC","tool.copies":"\uBCF5\uC0AC \uC218","tool.delete":"\uC0AD\uC81C","tool.undo":"\uC2E4\uD589 \uCDE8\uC18C","tool.redo":"\uB2E4\uC2DC \uC2E4\uD589","tool.zoom_in":"\uD655\uB300","tool.zoom_out":"\uCD95\uC18C","tool.zoom_fit":"\uB9DE\uCDA4","tool.save":"\uC800\uC7A5","tool.revert":"\uBCC0\uACBD \uCDE8\uC18C","hint.select":"\uC88C\uC11D\uC774\uB098 \uAF2D\uC9D3\uC810\uC744 \uB04C\uC5B4 \uC62E\uAE41\uB2C8\uB2E4. \uBCC0\uC744 \uB354\uBE14\uD074\uB9AD\uD558\uBA74 \uAF2D\uC9D3\uC810\uC774 \uCD94\uAC00\uB429\uB2C8\uB2E4.","hint.draw":"\uAF2D\uC9D3\uC810\uC744 \uCC28\uB840\uB85C \uD074\uB9AD\uD558\uC138\uC694. \uCCAB \uAF2D\uC9D3\uC810\uC744 \uD074\uB9AD\uD558\uAC70\uB098 Enter\uB85C \uB9C8\uCE58\uACE0, Esc\uB85C \uCDE8\uC18C\uD569\uB2C8\uB2E4.","hint.row":"\uC120\uD0DD\uD55C \uC88C\uC11D\uC5D0\uC11C \uB9C8\uC9C0\uB9C9 \uBCF5\uC0AC\uBCF8\uC774 \uB193\uC77C \uACF3\uAE4C\uC9C0 \uB044\uC138\uC694.","hint.row_pick":"\uBA3C\uC800 \uBCF5\uC0AC\uD560 \uC88C\uC11D\uC744 \uC120\uD0DD\uD558\uC138\uC694.","hint.keys":"\uB2E8\uCD95\uD0A4: N \uADF8\uB9AC\uAE30, V \uC120\uD0DD, R \uC904 \uBCF5\uC0AC, Del \uC0AD\uC81C, F2 \uC774\uB984 \uBC14\uAFB8\uAE30, Ctrl+Z / Ctrl+Y \uC2E4\uD589 \uCDE8\uC18C / \uB2E4\uC2DC \uC2E4\uD589, + / \u2212 / 0 \uD655\uB300\xB7\uCD95\uC18C, Ctrl+S \uC800\uC7A5","seat.id":"\uC88C\uC11D ID","seat.none":"\uC120\uD0DD\uD55C \uC88C\uC11D \uC5C6\uC74C","seats.count":"\uC88C\uC11D {n}\uAC1C","status.unsaved":"\uC800\uC7A5\uD558\uC9C0 \uC54A\uC740 \uBCC0\uACBD \uC0AC\uD56D","status.saved":"\uC88C\uC11D {n}\uAC1C\uB97C \uC800\uC7A5\uD588\uC2B5\uB2C8\uB2E4. \uC0AC\uC774\uD2B8\uAC00 \uC0C8 \uBC30\uCE58\uB85C \uB2E4\uC2DC \uC2DC\uC791\uD569\uB2C8\uB2E4.","status.unchanged":"\uBC14\uB010 \uAC83\uC774 \uC5C6\uC2B5\uB2C8\uB2E4.","status.saving":"\uC800\uC7A5 \uC911\u2026","status.refused":"\uC800\uC7A5\uD558\uC9C0 \uBABB\uD588\uC2B5\uB2C8\uB2E4: {reason}","status.fix_first":"\uD45C\uC2DC\uB41C \uC88C\uC11D\uC744 \uACE0\uCE5C \uB4A4 \uC800\uC7A5\uD558\uC138\uC694.","error.too_few_points":"\uAF2D\uC9D3\uC810\uC774 3\uAC1C \uC774\uC0C1 \uD544\uC694\uD569\uB2C8\uB2E4","error.outside_frame":"\uAF2D\uC9D3\uC810\uC774 \uD654\uBA74 \uBC16\uC5D0 \uC788\uC2B5\uB2C8\uB2E4","error.self_intersecting":"\uBCC0\uC774 \uC11C\uB85C \uAD50\uCC28\uD569\uB2C8\uB2E4","error.no_area":"\uB113\uC774\uAC00 \uC5C6\uC2B5\uB2C8\uB2E4","error.invalid_id":"ID\uB294 1\u201364\uC790\uC774\uBA70 ':'\uB97C \uD3EC\uD568\uD558\uAC70\uB098 '#' \uB610\uB294 \uACF5\uBC31\uC73C\uB85C \uC2DC\uC791\uD560 \uC218 \uC5C6\uC2B5\uB2C8\uB2E4","error.duplicate_id":"ID {other}\uAC00 \uB450 \uBC88 \uC4F0\uC600\uC2B5\uB2C8\uB2E4","error.overlap":"{other}\uC640 {percent}% \uACB9\uCE69\uB2C8\uB2E4(\uCD5C\uB300 {max}%)","error.empty_layout":"\uCE74\uBA54\uB77C\uC5D0\uB294 \uC88C\uC11D\uC774 \uD558\uB098 \uC774\uC0C1 \uC788\uC5B4\uC57C \uD569\uB2C8\uB2E4."},me={en:fe,ko:os};function as(n){let s=(n?.locale?.language??n?.language??"en").split("-")[0];return s in me?s:"en"}function T(n,s,t={}){return(me[as(n)][s]??fe[s]).replace(/\{(\w+)\}/g,(i,r)=>r in t?String(t[r]):i)}var ge="seatsense-floor-plan-editor",w=class extends _{constructor(){super(...arguments);this.planMissing=!1;this.places={};this.dirty=!1}updated(t){t.has("site")&&this.site&&this.site.entry_id!==this.loadedFor&&(this.loadedFor=this.site.entry_id,this.status=void 0,this.load())}disconnectedCallback(){super.disconnectedCallback(),this.plan&&URL.revokeObjectURL(this.plan.url),this.plan=void 0,this.loadedFor=void 0}t(t,e){return T(this.hass,t,e)}async load(){if(!this.hass||!this.site)return;let t=this.plan;try{this.plan=await at(this.hass,this.site.entry_id),this.places=structuredClone(this.plan.seats),this.planMissing=!1}catch{this.plan=void 0,this.places={},this.planMissing=!0}t&&URL.revokeObjectURL(t.url),this.dirty=!1,this.picked=this.nextUnplaced()}seatRefs(){return(this.site?.cameras??[]).flatMap(t=>t.seats.map(e=>({cameraId:t.camera_id,cameraName:t.name,seatId:e.id})))}placeOf(t){return this.places[t.cameraId]?.[t.seatId]}nextUnplaced(t){let e=this.seatRefs(),i=t?e.findIndex(r=>r.cameraId===t.cameraId&&r.seatId===t.seatId)+1:0;return[...e.slice(i),...e.slice(0,i)].find(r=>!this.placeOf(r))}async upload(t){let e=t.target,i=e.files?.[0];if(e.value="",!i||!this.hass||!this.site)return;if(i.size>2097152){this.status={text:this.t("plan.too_large",{mb:(i.size/1024/1024).toFixed(1)}),kind:"error"};return}let r=new Uint8Array(await i.arrayBuffer()),o="";for(let l=0;l<r.length;l+=32768)o+=String.fromCharCode(...r.subarray(l,l+32768));try{let l=await ae(this.hass,this.site.entry_id,btoa(o));await this.load(),this.status={text:this.t("plan.uploaded",{width:l.width,height:l.height}),kind:"ok"}}catch(l){this.status={text:this.t("status.refused",{reason:I(l)}),kind:"error"}}}fraction(t){let e=t.currentTarget.getBoundingClientRect();return[(t.clientX-e.left)/e.width,(t.clientY-e.top)/e.height]}pointerDown(t){t.button!==0||!this.picked||(this.dragFrom=this.fraction(t))}pointerUp(t){let e=this.dragFrom;this.dragFrom=void 0;let i=this.picked;if(!e||!i)return;let r=ce(e,this.fraction(t));this.places={...this.places,[i.cameraId]:{...this.places[i.cameraId],[i.seatId]:r}},this.dirty=!0,this.status=void 0,this.picked=this.nextUnplaced(i)??i}clearPicked(){let t=this.picked;if(!t||!this.placeOf(t))return;let e={...this.places[t.cameraId]};delete e[t.seatId],this.places={...this.places,[t.cameraId]:e},this.dirty=!0}async save(){if(!(!this.hass||!this.site))try{await le(this.hass,this.site.entry_id,this.places);let t=Object.values(this.places).reduce((e,i)=>e+Object.keys(i).length,0);this.dirty=!1,this.status={text:this.t("plan.saved",{n:t}),kind:"ok"}}catch(t){this.status={text:this.t("status.refused",{reason:I(t)}),kind:"error"}}}render(){return!this.hass||!this.site?u:h`<section>
      <h2>${this.t("plan.title")}</h2>
      <div class="row">
        <label class="upload">${this.t("plan.upload")}
          <input type="file" accept="image/png,image/jpeg" @change=${t=>void this.upload(t)} />
        </label>
        <button class="save-places primary" ?disabled=${!this.plan||!this.dirty} @click=${()=>void this.save()}>
          ${this.t("plan.save")}
        </button>
        <button class="clear-place" ?disabled=${!this.picked||!this.placeOf(this.picked)} @click=${()=>this.clearPicked()}>
          ${this.t("plan.clear")}
        </button>
      </div>
      ${this.status?h`<p class="status ${this.status.kind}" role="status">${this.status.text}</p>`:u}
      ${this.plan?this.renderPlan(this.plan):h`<p class="hint">${this.planMissing?this.t("plan.none"):this.t("loading")}</p>`}
    </section>`}renderPlan(t){let e=this.picked;return h`<p class="hint">${this.t("plan.hint")}</p>
      <div class="plan-body">
        <div class="plan-stage" style="aspect-ratio: ${t.width} / ${t.height}">
          <img src=${t.url} alt=${this.t("plan.title")} draggable="false" />
          <svg viewBox="0 0 ${t.width} ${t.height}" preserveAspectRatio="none"
            @pointerdown=${this.pointerDown} @pointerup=${this.pointerUp}>
            ${this.seatRefs().map(i=>{let r=this.placeOf(i);if(!r)return u;let o=Ct(r,t.width,t.height),[l,a]=F(o),c=e?.cameraId===i.cameraId&&e.seatId===i.seatId;return k`<g class="placed ${c?"picked":""}" data-seat=${i.seatId} data-camera=${i.cameraId}>
                <polygon points=${o.map(d=>d.join(",")).join(" ")} vector-effect="non-scaling-stroke"></polygon>
                <text x=${l} y=${a} font-size=${Math.min(t.width,t.height)/20}
                  text-anchor="middle" dominant-baseline="middle">${i.seatId}</text>
              </g>`})}
          </svg>
        </div>
        <ul class="plan-seats">
          ${this.seatRefs().map(i=>{let r=e?.cameraId===i.cameraId&&e.seatId===i.seatId;return h`<li>
              <button class="${r?"picked":""} ${this.placeOf(i)?"placed":""}"
                data-seat=${i.seatId} data-camera=${i.cameraId} @click=${()=>this.picked=i}>
                ${this.placeOf(i)?"\u2713":"\xB7"} ${i.cameraName} ${i.seatId}
              </button>
            </li>`})}
        </ul>
      </div>`}};w.styles=P`
    section {
      margin-top: 16px;
      color: var(--primary-text-color);
    }
    h2 {
      font-size: 18px;
      font-weight: 500;
      margin: 0 0 8px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .upload {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font-size: 14px;
    }
    button {
      padding: 6px 10px;
      border: 1px solid var(--divider-color, #ccc);
      border-radius: 6px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
      font: inherit;
      cursor: pointer;
    }
    button.primary {
      background: var(--primary-color, #03a9f4);
      color: var(--text-primary-color, #fff);
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    .hint {
      font-size: 13px;
      color: var(--secondary-text-color);
    }
    .status.ok {
      color: var(--success-color, #2e7d32);
    }
    .status.error {
      color: var(--error-color, #c62828);
    }
    .plan-body {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: flex-start;
    }
    .plan-stage {
      position: relative;
      flex: 1 1 420px;
      max-width: 900px;
      user-select: none;
    }
    .plan-stage img,
    .plan-stage svg {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }
    .plan-stage svg {
      cursor: crosshair;
    }
    g.placed polygon {
      fill: #0072b2;
      fill-opacity: 0.3;
      stroke: #0072b2;
      stroke-width: 2;
    }
    g.placed.picked polygon {
      fill: #e69f00;
      stroke: #e69f00;
      stroke-width: 3;
    }
    g.placed text {
      fill: #000;
      paint-order: stroke;
      stroke: #fff;
      stroke-width: 3px;
      font-weight: 600;
    }
    .plan-seats {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-height: 420px;
      overflow: auto;
    }
    .plan-seats button.picked {
      border-color: #e69f00;
      font-weight: 600;
    }
  `,p([S({attribute:!1})],w.prototype,"hass",2),p([S({attribute:!1})],w.prototype,"site",2),p([m()],w.prototype,"plan",2),p([m()],w.prototype,"planMissing",2),p([m()],w.prototype,"places",2),p([m()],w.prototype,"picked",2),p([m()],w.prototype,"dirty",2),p([m()],w.prototype,"status",2);var pt=(n,s,t)=>Math.min(t,Math.max(s,n));function ye([n,s]){return[Math.round(n),Math.round(s)]}function Dt([n,s],t,e){return[pt(Math.round(n),0,t),pt(Math.round(s),0,e)]}function cs(n){return n.length===0?"A1":Ht(n[n.length-1].id,1,n.map(s=>s.id))[0]}function ve(n,s,t=cs(n)){return[...n,{id:t,polygon:s.map(ye)}]}function be(n,s){return n.filter((t,e)=>e!==s)}function $e(n,s,t){return n.map((e,i)=>i===s?{...e,id:t}:e)}function _e(n,s,t,e,i,r){return n.map((o,l)=>l===s?{...o,polygon:o.polygon.map((a,c)=>c===t?Dt(e,i,r):a)}:o)}function xe(n,s,t,e,i,r){let[o,l,a,c]=ct(n[s].polygon),d=Math.round(pt(t,Math.min(0,-o),Math.max(0,i-a))),f=Math.round(pt(e,Math.min(0,-l),Math.max(0,r-c)));return n.map((g,$)=>$===s?{...g,polygon:he(g.polygon,d,f)}:g)}function we(n,s,t,e){return n.map((i,r)=>{if(r!==s)return i;let o=[...i.polygon];return o.splice(t+1,0,ye(e)),{...i,polygon:o}})}function Se(n,s,t){return n.map((e,i)=>i===s&&e.polygon.length>3?{...e,polygon:e.polygon.filter((r,o)=>o!==t)}:e)}function ke(n,s,t,e){let i=ht(n[s],t,e,n.map(r=>r.id));return[...n,...i]}var ut=class{constructor(s=[]){this.current=s;this.past=[];this.future=[]}get seats(){return this.current}get canUndo(){return this.past.length>0}get canRedo(){return this.future.length>0}apply(s){s!==this.current&&(this.past.push(this.current),this.future=[],this.current=s)}preview(s){this.current=s}commit(s){if(JSON.stringify(s)===JSON.stringify(this.current)){this.current=s;return}this.past.push(s),this.future=[]}undo(){let s=this.past.pop();s!==void 0&&(this.future.push(this.current),this.current=s)}redo(){let s=this.future.pop();s!==void 0&&(this.past.push(this.current),this.current=s)}reset(s){this.past=[],this.future=[],this.current=s}};var Ee="seatsense-editor-panel",Pe=12,X=1.25,ds=8,hs=500,ps=6e4,Nt="#56B4E9",ft="#F0E442",mt="#CC79A7",y=class extends _{constructor(){super(...arguments);this.narrow=!1;this.frameState="loading";this.tool="select";this.selected=-1;this.draft=[];this.copies=7;this.zoom=null;this.scale=1;this.saving=!1;this.version=0;this.history=new ut;this.savedJson="[]";this.resizeObserver=new ResizeObserver(()=>this.measure());this.keyHandler=t=>this.onKey(t)}connectedCallback(){super.connectedCallback(),window.addEventListener("keydown",this.keyHandler)}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener("keydown",this.keyHandler),this.resizeObserver.disconnect(),this.frame&&URL.revokeObjectURL(this.frame.url)}updated(t){t.has("hass")&&this.hass&&!this.layout&&this.loadLayout(),this.stage&&this.resizeObserver.observe(this.stage)}t(t,e){return T(this.hass,t,e)}get site(){return this.layout?.sites.find(t=>t.entry_id===this.entryId)}get camera(){return this.site?.cameras.find(t=>t.camera_id===this.cameraId)}get seats(){return this.history.seats}get dirty(){return JSON.stringify(this.seats)!==this.savedJson}async loadLayout(){if(!this.hass)return;this.layout=await C(this.hass);let t=this.site??this.layout.sites.find(e=>e.cameras.length>0);t&&!this.camera&&this.pickCamera(t.entry_id,t.cameras[0]?.camera_id)}pickCamera(t,e){if(this.dirty&&!window.confirm(this.t("status.unsaved"))){this.version++;return}this.entryId=t,this.cameraId=e,this.resetDocument(),this.loadFrame()}resetDocument(){let t=(this.camera?.seats??[]).map(e=>({id:e.id,polygon:e.polygon.map(([i,r])=>[i,r])}));this.history.reset(t),this.savedJson=JSON.stringify(t),this.selected=-1,this.draft=[],this.drag=void 0,this.status=void 0,this.version++}async loadFrame(){let t=this.camera;if(!(!this.hass||!this.entryId||!t)){this.frameState="loading";try{let e=await ot(this.hass,this.entryId,t.camera_id);this.frame&&URL.revokeObjectURL(this.frame.url),this.frame=e,this.frameState="ready"}catch{this.frame=void 0,this.frameState="missing"}}}edit(t){this.history.apply(t),this.changed()}changed(){this.status=void 0,this.selected>=this.seats.length&&(this.selected=-1),this.version++}measure(){let t=this.camera;if(!this.stage||!t)return;let e=this.stage.getBoundingClientRect().width;e>0&&(this.scale=e/t.width)}framePoint(t){let e=this.canvas?.getScreenCTM();if(!this.canvas||!e)return[0,0];let i=new DOMPoint(t.clientX,t.clientY).matrixTransform(e.inverse());return[i.x,i.y]}get hitRadius(){return Pe/this.scale}setZoom(t){this.zoom=t===null?null:Math.min(ds,Math.max(.1,t))}zoomBy(t){this.setZoom((this.zoom??this.scale)*t)}onPointerDown(t){let e=this.camera;if(t.button!==0||!e)return;t.preventDefault(),this.shadowRoot?.activeElement?.blur();let i=this.framePoint(t);t.currentTarget.setPointerCapture(t.pointerId),this.tool==="draw"?this.addDraftPoint(i):this.tool==="row"?(this.selected<0&&(this.selected=Lt(this.seats,i)),this.selected>=0?this.drag={kind:"row",seat:this.selected,from:i,to:i}:this.status={text:this.t("hint.row_pick"),kind:"info"}):this.startSelectDrag(i)}startSelectDrag(t){let e=this.selected>=0?[this.seats[this.selected]]:[],i=dt(e,t,this.hitRadius),r=i?{...i,seat:this.selected}:dt(this.seats,t,this.hitRadius);if(r){this.selected=r.seat,this.drag={kind:"corner",seat:r.seat,corner:r.corner,start:this.seats};return}if(Ot(e,t,this.hitRadius))return;let o=Lt(this.seats,t);this.selected=o,o>=0&&(this.drag={kind:"seat",seat:o,from:t,start:this.seats})}onPointerMove(t){let e=this.camera;if(!e)return;let i=this.framePoint(t);this.hover=i;let r=this.drag;if(r){if(r.kind==="corner")this.history.preview(_e(r.start,r.seat,r.corner,i,e.width,e.height));else if(r.kind==="seat"){let[o,l]=[i[0]-r.from[0],i[1]-r.from[1]];this.history.preview(xe(r.start,r.seat,o,l,e.width,e.height))}else{this.drag={...r,to:i};return}this.version++}}onPointerUp(t){let e=this.drag;if(this.drag=void 0,!!e){if(e.kind==="row"){let i=this.framePoint(t),r=[i[0]-e.from[0],i[1]-e.from[1]];Math.hypot(r[0],r[1])*this.scale>Pe&&this.copies>0&&(this.edit(ke(this.seats,e.seat,r,this.copies)),this.tool="select");return}this.history.commit(e.start),this.version++}}onPointerCancel(){let t=this.drag;this.drag=void 0,t&&t.kind!=="row"&&(this.history.preview(t.start),this.version++)}onDoubleClick(t){if(this.tool!=="select"||this.selected<0)return;let e=this.framePoint(t),i=dt([this.seats[this.selected]],e,this.hitRadius);if(i){this.edit(Se(this.seats,this.selected,i.corner));return}let r=Ot([this.seats[this.selected]],e,this.hitRadius);r&&this.edit(we(this.seats,this.selected,r.edge,r.point))}addDraftPoint(t){let e=this.camera,i=this.draft[0];if(i&&this.draft.length>=3&&Math.hypot(i[0]-t[0],i[1]-t[1])<=this.hitRadius){this.finishDraft();return}this.draft=[...this.draft,Dt(t,e.width,e.height)]}finishDraft(){this.draft.length>=3&&(this.edit(ve(this.seats,this.draft)),this.selected=this.seats.length-1),this.draft=[]}setTool(t){this.tool==="draw"&&t!=="draw"&&(this.draft=[]),this.tool=t,this.status=t==="row"&&this.selected<0?{text:this.t("hint.row_pick"),kind:"info"}:void 0}deleteSelected(){this.selected<0||(this.edit(be(this.seats,this.selected)),this.selected=-1)}rename(t){this.selected<0||this.seats[this.selected].id===t||this.edit($e(this.seats,this.selected,t))}undo(){this.history.undo(),this.changed()}redo(){this.history.redo(),this.changed()}revert(){this.resetDocument()}errors(){let t=this.camera;return t?ue(this.seats,t.width,t.height,this.layout?.max_seat_overlap??.5):[]}async save(){let t=this.camera;if(!(!this.hass||!this.entryId||!t||this.saving)){if(!Ut(this.errors())){this.status={text:this.t(this.seats.length?"status.fix_first":"error.empty_layout"),kind:"error"};return}this.saving=!0,this.status={text:this.t("status.saving"),kind:"info"};try{let e=await re(this.hass,this.entryId,t.camera_id,[...this.seats]);this.savedJson=JSON.stringify(this.seats),this.status={text:e.changed?this.t("status.saved",{n:e.seats}):this.t("status.unchanged"),kind:"ok"},e.changed&&this.followReload()}catch(e){this.status={text:this.t("status.refused",{reason:I(e)}),kind:"error"}}finally{this.saving=!1}}}async followReload(){let t=this.entryId,e=this.cameraId,i=Date.now()+ps;for(;Date.now()<i&&this.hass;){await new Promise(a=>window.setTimeout(a,hs));let r=await C(this.hass).catch(()=>{}),o=r?.sites.find(a=>a.entry_id===t),l=o?.cameras.find(a=>a.camera_id===e);if(o?.loaded&&l&&l.seats.every(a=>a.device_id)){let a=this.dirty;this.layout=r,!a&&this.entryId===t&&this.cameraId===e&&(this.savedJson=JSON.stringify(this.seats));return}}}onKey(t){if(!this.isConnected||!this.camera)return;let e=t.composedPath().some(l=>l instanceof HTMLInputElement||l instanceof HTMLSelectElement),i=t.ctrlKey||t.metaKey,r=t.key.toLowerCase(),o=this.keyAction(r,i,t.shiftKey,e);o&&(t.preventDefault(),t.stopPropagation(),o())}keyAction(t,e,i,r){return e&&t==="s"?()=>void this.save():r?void 0:e&&(t==="y"||t==="z"&&i)?()=>this.redo():e&&t==="z"?()=>this.undo():e?void 0:{n:()=>this.setTool("draw"),v:()=>this.setTool("select"),r:()=>this.setTool("row"),delete:()=>this.deleteSelected(),backspace:()=>this.draft.length?this.draft=this.draft.slice(0,-1):this.deleteSelected(),f2:()=>this.idInput?.select(),enter:()=>this.finishDraft(),escape:()=>{this.draft=[],this.drag=void 0,this.selected=-1},"+":()=>this.zoomBy(X),"=":()=>this.zoomBy(X),"-":()=>this.zoomBy(1/X),0:()=>this.setZoom(null)}[t]}render(){if(!this.hass)return u;if(this.layout&&this.layout.sites.length===0)return h`${this.renderToolbar()}<div class="empty">${this.t("panel.no_sites")}</div>`;let t=this.errors();return h`
      ${this.renderToolbar()}
      <div class="body ${this.narrow?"narrow":""}">
        <div class="viewport">
          ${this.camera?this.renderStage(t):u}
          <seatsense-floor-plan-editor .hass=${this.hass} .site=${this.site}></seatsense-floor-plan-editor>
        </div>
        ${this.renderSide(t)}
      </div>
    `}renderToolbar(){let t=this.layout?.sites??[],e=Ut(this.errors());return h`<div class="toolbar">
      <ha-menu-button .hass=${this.hass} .narrow=${this.narrow}></ha-menu-button>
      <div class="title">${this.t("panel.title")}</div>
      <select class="site" aria-label=${this.t("panel.site")} .value=${this.entryId??""} data-v=${this.version}
        @change=${i=>{let r=t.find(o=>o.entry_id===i.target.value);r&&this.pickCamera(r.entry_id,r.cameras[0]?.camera_id)}}>
        ${t.map(i=>h`<option value=${i.entry_id} ?selected=${i.entry_id===this.entryId}>${i.title}</option>`)}
      </select>
      <select class="camera" aria-label=${this.t("panel.camera")} .value=${this.cameraId??""} data-v=${this.version}
        @change=${i=>this.pickCamera(this.entryId,i.target.value)}>
        ${(this.site?.cameras??[]).map(i=>h`<option value=${i.camera_id} ?selected=${i.camera_id===this.cameraId}>${i.name}</option>`)}
      </select>
      <span class="spacer"></span>
      ${this.dirty?h`<span class="dirty">${this.t("status.unsaved")}</span>`:u}
      <button class="undo" ?disabled=${!this.history.canUndo} title="Ctrl+Z" @click=${()=>this.undo()}>${this.t("tool.undo")}</button>
      <button class="redo" ?disabled=${!this.history.canRedo} title="Ctrl+Y" @click=${()=>this.redo()}>${this.t("tool.redo")}</button>
      <button class="save primary" ?disabled=${!e||this.saving||!this.camera} title="Ctrl+S"
        @click=${()=>void this.save()}>${this.t("tool.save")}</button>
    </div>`}renderStage(t){let e=this.camera,i=this.zoom===null?"100%":`${e.width*this.zoom}px`;return h`<div class="stage" style="width: ${i}; aspect-ratio: ${e.width} / ${e.height}">
      ${this.frame?h`<img src=${this.frame.url} alt=${e.name} draggable="false" />`:h`<div class="blank">${this.frameState==="loading"?this.t("loading"):this.t("panel.no_frame")}</div>`}
      <svg class="canvas tool-${this.tool}" viewBox="0 0 ${e.width} ${e.height}"
        preserveAspectRatio="none"
        @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp} @pointercancel=${this.onPointerCancel}
        @dblclick=${this.onDoubleClick}>
        ${this.seats.map((r,o)=>this.renderSeat(r.id,r.polygon,o,t[o]??[]))}
        ${this.renderRowPreview()} ${this.renderDraft()}
        ${this.selected>=0&&this.seats[this.selected]?this.renderHandles(this.seats[this.selected].polygon):u}
      </svg>
    </div>`}renderSeat(t,e,i,r){let o=i===this.selected,l=r.length?mt:o?ft:Nt,[a,c]=e.length?F(e):[0,0],d=14/this.scale,f=r.length?`${t} \u26A0 ${this.errorText(r[0])}`:t;return k`<g class="seat ${r.length?"invalid":""} ${o?"selected":""}" data-seat=${t}>
      <polygon points=${e.map(g=>g.join(",")).join(" ")} fill=${l} fill-opacity="0.25"
        stroke=${l} stroke-width=${o?3:2} vector-effect="non-scaling-stroke"
        stroke-dasharray=${r.length?"8 4":"none"}></polygon>
      <text x=${a} y=${c} font-size=${d} text-anchor="middle" dominant-baseline="middle"
        stroke-width=${d/4} class="seat-label">${f}</text>
    </g>`}renderHandles(t){let e=6/this.scale;return t.map(([i,r],o)=>k`<circle class="handle" data-corner=${o} cx=${i} cy=${r} r=${e}
        stroke-width=${1.5/this.scale}></circle>`)}renderDraft(){if(this.tool!=="draw"||this.draft.length===0)return u;let t=[...this.draft,...this.hover?[this.hover]:[]],e=5/this.scale;return k`<polyline class="draft" points=${t.map(i=>i.join(",")).join(" ")}
        vector-effect="non-scaling-stroke"></polyline>
      ${this.draft.map(([i,r],o)=>k`<circle class="draft-corner ${o===0?"first":""}" cx=${i} cy=${r} r=${e}></circle>`)}`}renderRowPreview(){let t=this.drag;if(t?.kind!=="row"||!this.seats[t.seat])return u;let e=[t.to[0]-t.from[0],t.to[1]-t.from[1]];return ht(this.seats[t.seat],e,this.copies,this.seats.map(r=>r.id)).map(r=>k`<polygon class="ghost" points=${r.polygon.map(o=>o.join(",")).join(" ")}
        vector-effect="non-scaling-stroke"></polygon>`)}errorText(t){return this.t(`error.${t.code}`,{other:t.other??"",percent:t.percent??0,max:Math.round((this.layout?.max_seat_overlap??.5)*100)})}renderSide(t){let e=this.selected>=0?this.seats[this.selected]:void 0,i=this.tool==="draw"?"hint.draw":this.tool==="row"?"hint.row":"hint.select";return h`<aside class="side">
      <div class="tools" role="toolbar">
        ${["select","draw","row"].map(r=>h`<button class="tool ${r} ${this.tool===r?"active":""}"
            aria-pressed=${this.tool===r} @click=${()=>this.setTool(r)}>${this.t(`tool.${r}`)}</button>`)}
        <label class="copies">${this.t("tool.copies")}
          <input type="number" min="1" max="50" .value=${String(this.copies)}
            @change=${r=>this.copies=Math.max(1,Math.min(50,Number(r.target.value)||1))} />
        </label>
      </div>
      <div class="tools">
        <button class="zoom-out" @click=${()=>this.zoomBy(1/X)}>${this.t("tool.zoom_out")}</button>
        <button class="zoom-fit" @click=${()=>this.setZoom(null)}>${this.t("tool.zoom_fit")}</button>
        <button class="zoom-in" @click=${()=>this.zoomBy(X)}>${this.t("tool.zoom_in")}</button>
        <button class="delete" ?disabled=${!e} @click=${()=>this.deleteSelected()}>${this.t("tool.delete")}</button>
        <button class="revert" ?disabled=${!this.dirty} @click=${()=>this.revert()}>${this.t("tool.revert")}</button>
      </div>
      <p class="hint">${this.t(i)}</p>
      ${this.status?h`<p class="status ${this.status.kind}" role="status">${this.status.text}</p>`:u}
      ${this.frame?.blurred?h`<p class="note">${this.t("panel.blurred")}</p>`:u}
      <label class="seat-field">${this.t("seat.id")}
        <input class="seat-id" .value=${e?.id??""} ?disabled=${!e} placeholder=${this.t("seat.none")}
          @change=${r=>this.rename(r.target.value)}
          @keydown=${r=>r.key==="Enter"&&r.target.blur()} />
      </label>
      <div class="count">${this.t("seats.count",{n:this.seats.length})}</div>
      <ul class="seat-list">
        ${this.seats.map((r,o)=>h`<li class="${o===this.selected?"selected":""} ${t[o]?.length?"invalid":""}"
            data-seat=${r.id} @click=${()=>this.selected=o}>
            <span class="id">${r.id}</span>
            ${(t[o]??[]).map(l=>h`<span class="error" data-code=${l.code}>${this.errorText(l)}</span>`)}
          </li>`)}
      </ul>
      <p class="keys">${this.t("hint.keys")}</p>
    </aside>`}};y.styles=P`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: var(--primary-background-color);
      color: var(--primary-text-color);
      font-family: var(--paper-font-body1_-_font-family, Roboto, "Noto Sans", "Noto Sans CJK KR", sans-serif);
    }
    .toolbar {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px;
      min-height: 56px;
      padding: 4px 12px;
      background: var(--app-header-background-color, var(--primary-color));
      color: var(--app-header-text-color, #fff);
    }
    .toolbar .title {
      font-size: 20px;
      margin-inline-end: 8px;
    }
    .spacer {
      flex: 1;
    }
    .dirty {
      font-size: 13px;
      opacity: 0.9;
    }
    button,
    select,
    input {
      font: inherit;
      font-size: 14px;
      padding: 6px 10px;
      border-radius: 6px;
      border: 1px solid var(--divider-color, #bbb);
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
    }
    button {
      cursor: pointer;
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    button.primary {
      background: var(--accent-color, #ff9800);
      color: #000;
      border-color: transparent;
      font-weight: 600;
    }
    button.active {
      outline: 2px solid var(--primary-color, #03a9f4);
      font-weight: 600;
    }
    .body {
      flex: 1;
      display: flex;
      min-height: 0;
    }
    .body.narrow {
      flex-direction: column;
    }
    .viewport {
      flex: 1;
      overflow: auto;
      padding: 12px;
      min-height: 0;
    }
    .stage {
      position: relative;
      user-select: none;
      -webkit-user-select: none;
      max-width: none;
      background: var(--secondary-background-color, #ddd);
    }
    .stage img,
    .stage svg,
    .stage .blank {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }
    .stage img {
      object-fit: fill;
      user-select: none;
    }
    .blank {
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--secondary-text-color);
    }
    svg.canvas {
      touch-action: none;
      cursor: default;
    }
    svg.canvas.tool-draw {
      cursor: crosshair;
    }
    svg.canvas.tool-row {
      cursor: copy;
    }
    .seat polygon {
      cursor: move;
    }
    .seat-label {
      fill: #fff;
      stroke: #000;
      paint-order: stroke;
      font-weight: 600;
      pointer-events: none;
    }
    .seat.invalid .seat-label {
      fill: ${x(mt)};
    }
    .handle {
      fill: ${x(ft)};
      stroke: #000;
      cursor: grab;
    }
    .draft {
      fill: none;
      stroke: ${x(ft)};
      stroke-width: 2;
      stroke-dasharray: 6 3;
    }
    .draft-corner {
      fill: ${x(ft)};
      stroke: #000;
    }
    .draft-corner.first {
      fill: #fff;
    }
    .ghost {
      fill: ${x(Nt)};
      fill-opacity: 0.2;
      stroke: ${x(Nt)};
      stroke-width: 2;
      stroke-dasharray: 4 4;
    }
    .side {
      width: 320px;
      flex: none;
      overflow: auto;
      padding: 12px;
      border-inline-start: 1px solid var(--divider-color, #ccc);
      background: var(--card-background-color, #fff);
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    .narrow .side {
      width: auto;
      border-inline-start: none;
      border-top: 1px solid var(--divider-color, #ccc);
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
    }
    .copies input {
      width: 4em;
      margin-inline-start: 4px;
    }
    .hint,
    .keys,
    .note {
      margin: 0;
      font-size: 13px;
      color: var(--secondary-text-color);
    }
    .status {
      margin: 0;
      padding: 8px;
      border-radius: 6px;
      font-size: 14px;
    }
    .status.error {
      background: rgba(204, 121, 167, 0.2);
      border: 1px solid ${x(mt)};
    }
    .status.ok {
      background: rgba(0, 158, 115, 0.15);
      border: 1px solid #009e73;
    }
    .seat-field {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font-size: 13px;
    }
    .count {
      font-size: 13px;
      color: var(--secondary-text-color);
    }
    .seat-list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .seat-list li {
      display: flex;
      flex-direction: column;
      padding: 6px 8px;
      border-radius: 6px;
      cursor: pointer;
    }
    .seat-list li.selected {
      background: var(--secondary-background-color, #eee);
    }
    .seat-list .id {
      font-weight: 600;
    }
    .seat-list .error {
      font-size: 13px;
      color: ${x(mt)};
    }
    .empty {
      padding: 24px;
    }
  `,p([S({attribute:!1})],y.prototype,"hass",2),p([S({type:Boolean})],y.prototype,"narrow",2),p([m()],y.prototype,"layout",2),p([m()],y.prototype,"entryId",2),p([m()],y.prototype,"cameraId",2),p([m()],y.prototype,"frame",2),p([m()],y.prototype,"frameState",2),p([m()],y.prototype,"tool",2),p([m()],y.prototype,"selected",2),p([m()],y.prototype,"draft",2),p([m()],y.prototype,"hover",2),p([m()],y.prototype,"drag",2),p([m()],y.prototype,"copies",2),p([m()],y.prototype,"zoom",2),p([m()],y.prototype,"scale",2),p([m()],y.prototype,"status",2),p([m()],y.prototype,"saving",2),p([m()],y.prototype,"version",2),p([rt("svg.canvas")],y.prototype,"canvas",2),p([rt(".stage")],y.prototype,"stage",2),p([rt("input.seat-id")],y.prototype,"idInput",2);function gt(n,s,t){n.dispatchEvent(new CustomEvent(s,{detail:t,bubbles:!0,composed:!0}))}var Me={empty:"#009E73",occupied:"#0072B2",away:"#E69F00",abandoned:"#D55E00",unknown:"#999999"};var zt=["empty","occupied","away","abandoned","unknown"],N=Me;function Ce(n){return zt.includes(n??"")?n:"unknown"}var jt=6e4;function fs(n,s){let t=s?n.states[s]?.state:void 0,e=t===void 0?NaN:Number(t);return Number.isFinite(e)?e:null}function ms(n,s){let t=s?n.states[s]?.state:void 0;if(!t||!/^\d{4}-\d{2}-\d{2}T/.test(t))return null;let e=Date.parse(t);return Number.isFinite(e)?e:null}function Y(n,s){let t=s.entities.state?n.states[s.entities.state]?.state:void 0,e=Ce(t),i=e==="away"||e==="abandoned";return{seat:s,state:e,vacantMinutes:e==="unknown"?null:fs(n,s.entities.vacant_minutes),belongingsSinceMs:i?ms(n,s.entities.belongings_since):null}}function gs(n,s){return Math.max(0,Math.floor((s-n)/jt))}function Ie(n,s){return n.belongingsSinceMs!==null?gs(n.belongingsSinceMs,s):n.state==="unknown"||n.state==="occupied"?null:n.vacantMinutes}function Te(n,s){let t=null;for(let e of n){if(e.belongingsSinceMs===null)continue;let i=Math.max(0,s-e.belongingsSinceMs),r=jt-i%jt;t=t===null?r:Math.min(t,r)}return t}var Q="seatsense-seat-map",Ft="seatsense-seat-map-editor",ys=3e4,vs=500,bs=4e3;function $s(n){let s=parseInt(n.slice(1),16),[t,e,i]=[s>>16&255,s>>8&255,s&255];return .299*t+.587*e+.114*i>150?"#000":"#fff"}var b=class extends _{constructor(){super(...arguments);this.frameMissing=!1;this.planMissing=!1;this.planLoading=!1;this.held=!1}static getConfigElement(){return document.createElement(Ft)}static async getStubConfig(t){let i=(await C(t).catch(()=>{}))?.sites.find(r=>r.cameras.length>0);return{type:`custom:${Q}`,entry_id:i?.entry_id,camera_id:i?.cameras[0]?.camera_id}}setConfig(t){if(!t||typeof t!="object")throw new Error("Invalid configuration");if(t.camera_id!==void 0&&typeof t.camera_id!="string")throw new Error("camera_id must be text");if(t.mode!==void 0&&t.mode!=="camera"&&t.mode!=="floor_plan")throw new Error("mode must be camera or floor_plan");let e=t.camera_id!==this.config?.camera_id||t.entry_id!==this.config?.entry_id,i=t.mode!==this.config?.mode||t.entry_id!==this.config?.entry_id;this.config=t,e&&(this.frameFor=void 0,this.frameMissing=!1),i&&this.dropPlan()}getCardSize(){return 6}getGridOptions(){return{columns:12,min_columns:6,rows:"auto",min_rows:3}}connectedCallback(){super.connectedCallback(),this.refreshTimer=window.setInterval(()=>{this.camera()?.camera.entities.annotated||this.loadFrame(!0)},ys)}disconnectedCallback(){super.disconnectedCallback(),window.clearInterval(this.refreshTimer),window.clearTimeout(this.toastTimer),window.clearTimeout(this.minuteTimer),this.frame&&URL.revokeObjectURL(this.frame.url),this.frame=void 0,this.frameFor=void 0,this.dropPlan()}dropPlan(){this.plan&&URL.revokeObjectURL(this.plan.url),this.plan=void 0,this.planMissing=!1}planMode(){return this.config?.mode==="floor_plan"}planSite(){let t=this.layout?.sites??[];return this.config?.entry_id?t.find(e=>e.entry_id===this.config?.entry_id):t[0]}shownSeats(){if(!this.planMode())return this.camera()?.camera.seats??[];let t=this.planSite();return t&&this.plan?It(t,this.plan):[]}camera(){return oe(this.layout,this.config?.entry_id,this.config?.camera_id)}watched(){let t=this.planMode()?[]:Object.values(this.camera()?.camera.entities??{});for(let e of this.shownSeats())for(let i of["state","vacant_minutes","belongings_since","occupied"])e.entities[i]&&t.push(e.entities[i]);return t}shouldUpdate(t){if(t.size!==1||!t.has("hass"))return!0;let e=t.get("hass");return!e||!this.hass||e.language!==this.hass.language||e.themes?.darkMode!==this.hass.themes?.darkMode?!0:this.watched().some(i=>e.states[i]!==this.hass?.states[i])}updated(){if(this.scheduleMinuteTick(),this.planMode()){this.updatePlan();return}if(!this.hass||!this.config?.camera_id)return;if(!this.layout&&!this.layoutError){this.loadLayout();return}let t=this.camera()?.camera.entities.annotated,e=t?this.hass.states[t]?.state:"initial";this.camera()&&this.frameFor!==e&&(this.frameFor=e,this.loadFrame(!!this.frame))}updatePlan(){if(!this.hass)return;if(!this.layout&&!this.layoutError){this.loadLayout();return}let t=this.planSite();!t||this.plan||this.planMissing||this.planLoading||(this.planLoading=!0,at(this.hass,t.entry_id).then(e=>this.plan=e).catch(()=>this.planMissing=!0).finally(()=>this.planLoading=!1))}scheduleMinuteTick(){if(window.clearTimeout(this.minuteTimer),!this.hass||!this.isConnected)return;let t=this.shownSeats().map(i=>Y(this.hass,i)),e=Te(t,Date.now());e!==null&&(this.minuteTimer=window.setTimeout(()=>this.requestUpdate(),e+20))}async loadLayout(){if(this.hass)try{this.layout=await C(this.hass),this.layoutError=void 0}catch(t){this.layoutError=I(t)}}async loadFrame(t){if(!this.hass)return;t&&await this.loadLayout();let e=this.camera();if(e)try{let i=await ot(this.hass,e.site.entry_id,e.camera.camera_id),r=this.frame;this.frame=i,this.frameMissing=!1,r&&window.setTimeout(()=>URL.revokeObjectURL(r.url),1e3)}catch{this.frameMissing=!this.frame}}t(t,e){return T(this.hass,t,e)}render(){if(!this.config||!this.hass)return u;let t=this.config.title;if(this.planMode())return this.renderPlanCard(t);if(!this.config.camera_id)return h`<ha-card .header=${t}><div class="message">${this.t("no_camera")}</div></ha-card>`;if(!this.layout)return h`<ha-card .header=${t}>
        <div class="message">${this.layoutError??this.t("loading")}</div>
      </ha-card>`;let e=this.camera();if(!e)return h`<ha-card .header=${t}><div class="message">${this.t("camera_gone")}</div></ha-card>`;let{camera:i}=e,r=i.seats.map(l=>Y(this.hass,l)),o=i.entities.connected?this.hass.states[i.entities.connected]?.state:void 0;return h`
      <ha-card .header=${t}>
        <div class="map" style="aspect-ratio: ${i.width} / ${i.height}">
          ${this.frame?h`<img src=${this.frame.url} alt=${i.name} draggable="false" />`:h`<div class="blank">${this.frameMissing?this.t("no_frame"):this.t("loading")}</div>`}
          <svg viewBox="0 0 ${i.width} ${i.height}" preserveAspectRatio="none">
            ${this.renderHatch()} ${r.map(l=>this.renderSeatShape(l))}
          </svg>
          ${r.map(l=>this.renderLabel(l,i))}
          ${o==="off"||o==="unavailable"?h`<div class="banner offline">${this.t("offline")}</div>`:this.frame?.blurred?h`<div class="banner">${this.t("people_blurred")}</div>`:u}
          ${this.menuSeat?this.renderMenu(this.menuSeat):u}
          ${this.toast?h`<div class="toast" role="status">${this.toast}</div>`:u}
        </div>
        ${this.config.show_legend===!1?u:this.renderLegend(r)}
      </ha-card>
    `}renderPlanCard(t){let e=this.planSite(),i=this.plan;if(!i||!e){let o=this.layoutError??(this.layout&&(!e||this.planMissing)?this.t("no_plan"):this.t("loading"));return h`<ha-card .header=${t}><div class="message">${o}</div></ha-card>`}let r=It(e,i).map(o=>Y(this.hass,o));return h`
      <ha-card .header=${t}>
        <div class="map plan" style="aspect-ratio: ${i.width} / ${i.height}">
          <img src=${i.url} alt=${this.t("plan.title")} draggable="false" />
          <svg viewBox="0 0 ${i.width} ${i.height}" preserveAspectRatio="none">
            ${this.renderHatch()} ${r.map(o=>this.renderSeatShape(o))}
          </svg>
          ${r.map(o=>this.renderLabel(o,i))}
          ${this.menuSeat?this.renderMenu(this.menuSeat):u}
          ${this.toast?h`<div class="toast" role="status">${this.toast}</div>`:u}
        </div>
        ${this.config?.show_legend===!1?u:this.renderLegend(r)}
      </ha-card>
    `}renderHatch(){return k`<defs>
      <pattern id="unknown-hatch" width="24" height="24" patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)">
        <rect width="24" height="24" fill=${N.unknown} fill-opacity="0.25"></rect>
        <line x1="0" y1="0" x2="0" y2="24" stroke=${N.unknown} stroke-width="10"
          stroke-opacity="0.6"></line>
      </pattern>
    </defs>`}renderSeatShape(t){let e=N[t.state],i=t.seat.polygon.map(([r,o])=>`${r},${o}`).join(" ");return k`<polygon class="seat ${t.state}" points=${i}
      data-seat=${t.seat.id} data-state=${t.state}
      fill=${t.state==="unknown"?"url(#unknown-hatch)":e}
      stroke=${e}
      @pointerdown=${r=>this.pointerDown(t.seat,r)}
      @pointerup=${r=>this.pointerUp(t.seat,r)}
      @pointerleave=${()=>this.cancelHold()}
      @contextmenu=${r=>this.openMenu(t.seat,r)}></polygon>`}renderLabel(t,e){let[i,r]=F(t.seat.polygon),o=N[t.state],l=Ie(t,Date.now()),a=u;return t.state==="abandoned"&&l!==null?a=h`<span class="hogged" data-minutes=${l}>⚠
        <span class="long">${this.t("hogged_for",{n:l})}</span><span class="short"
          >${this.t("minutes",{n:l})}</span></span>`:t.state==="unknown"?a=h`<span class="detail">?</span>`:(t.state==="empty"||t.state==="away")&&l!==null&&(a=h`<span class="detail" data-minutes=${l}>${this.t("minutes",{n:l})}</span>`),h`<button class="label ${t.state}" data-seat=${t.seat.id}
      style="left: ${100*i/e.width}%; top: ${100*r/e.height}%;
        --chip: ${o}; --chip-text: ${$s(o)}"
      title="${t.seat.id}: ${this.t(`state.${t.state}`)}"
      @pointerdown=${c=>this.pointerDown(t.seat,c)}
      @pointerup=${c=>this.pointerUp(t.seat,c)}
      @pointerleave=${()=>this.cancelHold()}
      @contextmenu=${c=>this.openMenu(t.seat,c)}>
      <span class="id">${t.seat.id}</span>${a}
    </button>`}renderLegend(t){return h`<div class="legend">
      ${zt.map(e=>{let i=t.filter(r=>r.state===e).length;return h`<span class="entry ${i?"":"none"}" data-state=${e}>
          <span class="swatch" style="background: ${N[e]}"></span>
          ${this.t(`state.${e}`)} ${i}
        </span>`})}
    </div>`}renderMenu(t){let e=!!this.hass?.user?.is_admin&&t.device_id;return h`<div class="menu" role="menu" data-seat=${t.id}>
      <div class="menu-title">${t.id}</div>
      <button role="menuitem" @click=${()=>this.moreInfo(t)}>${this.t("action.more_info")}</button>
      ${e?h`<button role="menuitem" data-action="reset_seat"
              @click=${()=>this.runAction(t,"reset_seat")}>${this.t("action.reset_seat")}</button>
            <button role="menuitem" data-action="capture_baseline"
              @click=${()=>this.runAction(t,"capture_baseline")}>
              ${this.t("action.capture_baseline")}
            </button>`:u}
      <button role="menuitem" @click=${()=>this.menuSeat=void 0}>${this.t("action.cancel")}</button>
    </div>`}pointerDown(t,e){e.button===0&&(this.held=!1,this.cancelHold(),this.holdTimer=window.setTimeout(()=>{this.held=!0,this.menuSeat=t},vs))}pointerUp(t,e){e.button===0&&(this.cancelHold(),!this.held&&!this.menuSeat&&this.moreInfo(t),this.held=!1)}cancelHold(){window.clearTimeout(this.holdTimer),this.holdTimer=void 0}openMenu(t,e){e.preventDefault(),this.cancelHold(),this.menuSeat=t}moreInfo(t){this.menuSeat=void 0;let e=t.entities.occupied??t.entities.state;e&&gt(this,"hass-more-info",{entityId:e})}async runAction(t,e){this.menuSeat=void 0;let i=`${t.id} \xB7 ${this.t(`action.${e}`)}`;try{await this.hass.callService("seatsense",e,{device_id:t.device_id}),this.showToast(this.t("action.done",{action:i}))}catch(r){this.showToast(this.t("action.failed",{action:i,error:I(r)}))}}showToast(t){this.toast=t,window.clearTimeout(this.toastTimer),this.toastTimer=window.setTimeout(()=>this.toast=void 0,bs)}};b.styles=P`
    :host {
      display: block;
    }
    ha-card {
      overflow: hidden;
      height: 100%;
    }
    .message {
      padding: 16px;
      color: var(--secondary-text-color);
    }
    .map {
      container-type: inline-size;
      position: relative;
      width: 100%;
      background: var(--secondary-background-color, #e0e0e0);
      user-select: none;
      -webkit-user-select: none;
      touch-action: manipulation;
    }
    img,
    svg,
    .blank {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }
    img {
      object-fit: fill;
      display: block;
    }
    .blank {
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--secondary-text-color);
    }
    polygon.seat {
      fill-opacity: 0.3;
      stroke-width: 3;
      stroke-linejoin: round;
      vector-effect: non-scaling-stroke;
      cursor: pointer;
    }
    polygon.seat.abandoned {
      fill-opacity: 0.45;
      stroke-width: 5;
    }
    polygon.seat.unknown {
      fill-opacity: 1;
      stroke-dasharray: 6 4;
    }
    .label {
      position: absolute;
      transform: translate(-50%, -50%);
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 1px;
      padding: 2px 6px;
      border: none;
      border-radius: 8px;
      background: var(--chip);
      color: var(--chip-text);
      font: inherit;
      font-size: 12px;
      line-height: 1.2;
      white-space: nowrap;
      cursor: pointer;
      box-shadow: 0 1px 3px rgba(0, 0, 0, 0.35);
    }
    .label .id {
      font-weight: 600;
    }
    .label .detail,
    .label .hogged {
      font-size: 11px;
    }
    .label .hogged {
      font-weight: 600;
    }
    .label .short {
      display: none;
    }
    /* Below this width a seat is narrower than "⚠ Hogged 12 min". */
    @container (max-width: 700px) {
      .label .long {
        display: none;
      }
      .label .short {
        display: inline;
      }
    }
    .label.unknown {
      outline: 2px dashed var(--chip-text);
      outline-offset: -3px;
    }
    .banner {
      position: absolute;
      left: 8px;
      top: 8px;
      padding: 2px 8px;
      border-radius: 6px;
      background: rgba(0, 0, 0, 0.6);
      color: #fff;
      font-size: 12px;
    }
    .banner.offline {
      background: ${x(N.unknown)};
      color: #000;
      font-weight: 600;
    }
    .menu {
      position: absolute;
      left: 50%;
      top: 50%;
      transform: translate(-50%, -50%);
      display: flex;
      flex-direction: column;
      min-width: 200px;
      padding: 8px;
      border-radius: 12px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.4);
      z-index: 2;
    }
    .menu-title {
      font-weight: 600;
      padding: 4px 8px 8px;
    }
    .menu button {
      text-align: start;
      padding: 10px 8px;
      border: none;
      border-radius: 8px;
      background: none;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    .menu button:hover,
    .menu button:focus-visible {
      background: var(--secondary-background-color, #eee);
    }
    .toast {
      position: absolute;
      left: 8px;
      right: 8px;
      bottom: 8px;
      padding: 6px 10px;
      border-radius: 8px;
      background: var(--primary-text-color, #222);
      color: var(--card-background-color, #fff);
      font-size: 13px;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      padding: 8px 12px 10px;
      font-size: 13px;
      color: var(--primary-text-color);
    }
    .legend .entry {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .legend .entry.none {
      color: var(--secondary-text-color);
    }
    .legend .swatch {
      width: 12px;
      height: 12px;
      border-radius: 3px;
    }
  `,p([S({attribute:!1})],b.prototype,"hass",2),p([m()],b.prototype,"config",2),p([m()],b.prototype,"layout",2),p([m()],b.prototype,"layoutError",2),p([m()],b.prototype,"frame",2),p([m()],b.prototype,"frameMissing",2),p([m()],b.prototype,"menuSeat",2),p([m()],b.prototype,"toast",2),p([m()],b.prototype,"plan",2),p([m()],b.prototype,"planMissing",2);var R=class extends _{constructor(){super(...arguments);this.loading=!1}setConfig(t){this.config=t}updated(){this.hass&&!this.layout&&!this.loading&&(this.loading=!0,C(this.hass).then(t=>this.layout=t).finally(()=>this.loading=!1))}t(t){return T(this.hass,t)}change(t){let e={...this.config,...t};for(let i of Object.keys(e))(e[i]===void 0||e[i]==="")&&delete e[i];this.config=e,gt(this,"config-changed",{config:e})}pickSite(t){let e=this.layout?.sites.find(i=>i.entry_id===t);this.change({entry_id:t,camera_id:e?.cameras[0]?.camera_id})}render(){if(!this.config||!this.hass)return u;let t=this.layout?.sites??[],e=t.find(r=>r.entry_id===this.config?.entry_id)??t[0],i=this.config.mode==="floor_plan";return h`
      <div class="form">
        <label>
          <span>${this.t("config.site")}</span>
          <select name="site" @change=${r=>this.pickSite(r.target.value)}>
            ${t.map(r=>h`<option value=${r.entry_id} ?selected=${r.entry_id===e?.entry_id}>${r.title}</option>`)}
          </select>
        </label>
        <label>
          <span>${this.t("config.mode")}</span>
          <select name="mode" @change=${r=>{let o=r.target.value==="floor_plan";this.change(o?{entry_id:e?.entry_id,mode:"floor_plan",camera_id:void 0}:{entry_id:e?.entry_id,mode:void 0,camera_id:e?.cameras[0]?.camera_id})}}>
            <option value="camera" ?selected=${!i}>${this.t("config.mode_camera")}</option>
            <option value="floor_plan" ?selected=${i}>${this.t("config.mode_floor_plan")}</option>
          </select>
        </label>
        <label ?hidden=${i}>
          <span>${this.t("config.camera")}</span>
          <select name="camera" @change=${r=>this.change({entry_id:e?.entry_id,camera_id:r.target.value})}>
            ${(e?.cameras??[]).map(r=>h`<option value=${r.camera_id} ?selected=${r.camera_id===this.config?.camera_id}>${r.name}</option>`)}
          </select>
        </label>
        <label>
          <span>${this.t("config.title")}</span>
          <input name="title" .value=${this.config.title??""}
            @change=${r=>this.change({title:r.target.value})} />
        </label>
        <label class="check">
          <input type="checkbox" name="show_legend" .checked=${this.config.show_legend!==!1}
            @change=${r=>this.change({show_legend:r.target.checked?void 0:!1})} />
          <span>${this.t("config.show_legend")}</span>
        </label>
      </div>
    `}};R.styles=P`
    .form {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    label {
      display: flex;
      flex-direction: column;
      gap: 4px;
      color: var(--primary-text-color);
    }
    label[hidden] {
      display: none;
    }
    label.check {
      flex-direction: row;
      align-items: center;
      gap: 8px;
    }
    select,
    input:not([type]) {
      padding: 8px;
      border: 1px solid var(--divider-color, #ccc);
      border-radius: 6px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
      font: inherit;
    }
  `,p([S({attribute:!1})],R.prototype,"hass",2),p([m()],R.prototype,"config",2),p([m()],R.prototype,"layout",2);var _s=3e4;function yt(n,s){window.customElements.get(n)||window.customElements.define(n,s)}function xs(n){let s=Date.now(),t=()=>{window.customElements.get("home-assistant")||Date.now()-s>_s?n():window.setTimeout(t,50)};t()}xs(()=>{yt(Q,b),yt(Ft,R),yt(Ee,y),yt(ge,w)});var Re=window.customCards??=[];Re.some(n=>n.type===Q)||Re.push({type:Q,name:"seatsense seat map",description:"A camera's picture with its seats coloured by state, vacancy and hogging minutes.",preview:!0});
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
@lit/reactive-element/decorators/custom-element.js:
@lit/reactive-element/decorators/property.js:
@lit/reactive-element/decorators/state.js:
@lit/reactive-element/decorators/event-options.js:
@lit/reactive-element/decorators/base.js:
@lit/reactive-element/decorators/query.js:
@lit/reactive-element/decorators/query-all.js:
@lit/reactive-element/decorators/query-async.js:
@lit/reactive-element/decorators/query-assigned-nodes.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/decorators/query-assigned-elements.js:
  (**
   * @license
   * Copyright 2021 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
